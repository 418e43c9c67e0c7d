# Shared by the bench scripts (sourced, not run).

now_ms() { date +%s%3N; }

# median of the arguments (integers)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# a / b as "1.23x"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# write_pom DIR ARTIFACT_ID VERSION [EXTRA_PLUGINS_XML]: a service project that uses the plugin under test
write_pom() {
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>$2</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.dbmigrations</groupId>
        <artifactId>migrations-maven-plugin</artifactId>
        <version>$3</version>
      </plugin>
${4:-}
    </plugins>
  </build>
</project>
POM
}
