package dev.dbmigrations.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbmigrations.engine.sql.PgParser;
import dev.dbmigrations.engine.sql.SqlSplitter;
import dev.dbmigrations.engine.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules read tokens, for speed (PostgreSQL's grammar runs interpreted in the JVM, about 1 to 2 ms a
 * statement); this test holds their reading against PostgreSQL's own parse tree. For every statement
 * of a corpus (tree-corpus.sql, every labelled lint case, the example services' migrations): the
 * table an ALTER TABLE or CREATE TABLE names, each ALTER TABLE action and the row of the lock model it
 * falls in, the columns a CREATE TABLE or ADD COLUMN defines, and the lock model's row of every other
 * statement must be what the tree says.
 */
class TreeAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TRIGGER_SUBTYPES = Set.of("AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig",
            "AT_DisableTrig", "AT_EnableTrigAll", "AT_DisableTrigAll", "AT_EnableTrigUser", "AT_DisableTrigUser");
    private static final Set<String> LIGHT_PARAMETERS = Set.of("fillfactor", "toast_tuple_target", "parallel_workers",
            "vacuum_index_cleanup", "vacuum_truncate", "log_autovacuum_min_duration");

    @Test
    void theRulesReadEveryCorpusStatementAsPostgreSQLsGrammarDoes() throws IOException {
        List<String> disagreements = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int statements = 0;
        List<String> corpus = corpus();
        for (String file : corpus) {
            for (SqlStatement st : SqlSplitter.split(file).statements()) {
                String tree = PgParser.get().tree(st.text());
                if (tree == null) {
                    rejected.add(st.text());
                    continue;
                }
                statements++;
                JsonNode node = JSON.readTree(tree).path("stmts").path(0).path("stmt");
                compare(st, node, disagreements);
            }
        }
        assertTrue(statements > 400, "the corpus holds " + statements + " statements");
        // the corpus is SQL PostgreSQL 17 accepts: a statement it rejects would check nothing
        assertEquals(List.of(), rejected);
        assertEquals(List.of(), disagreements);
    }

    private static void compare(SqlStatement st, JsonNode node, List<String> out) {
        String kind = node.fieldNames().hasNext() ? node.fieldNames().next() : "";
        JsonNode n = node.path(kind);
        String where = st.text().replace('\n', ' ');
        if (kind.equals("AlterTableStmt") && n.path("objtype").asText().equals("OBJECT_TABLE")) {
            AlterTable alter = AlterTable.parse(st);
            if (alter == null) {
                out.add(where + ": not read as an ALTER TABLE");
                return;
            }
            agree(out, where, "table", name(n.path("relation")), alter.table());
            JsonNode cmds = n.path("cmds");
            if (cmds.size() != alter.actions().size()) {
                out.add(where + ": " + alter.actions().size() + " actions read, the tree has " + cmds.size());
                return;
            }
            for (int i = 0; i < cmds.size(); i++) {
                JsonNode cmd = cmds.path(i).path("AlterTableCmd");
                LockModel.Row row = LockModel.ofAction(alter.actions().get(i));
                agree(out, where, "action " + (i + 1) + " (" + cmd.path("subtype").asText() + ")", alterRow(cmd),
                        row == null ? null : row.form());
                if (cmd.path("subtype").asText().equals("AT_AddColumn")) {
                    Columns.Column c = Columns.ofAddColumn(alter.table(), alter.actions().get(i));
                    agree(out, where, "added column", cmd.path("def").path("ColumnDef").path("colname").asText(),
                            c == null ? null : c.name());
                    String treeType = type(cmd.path("def").path("ColumnDef").path("typeName"));
                    if (c != null && treeType != null) {
                        agree(out, where, "type of " + c.name(), treeType, type(ColumnType.parse(c.type())));
                    }
                }
                if (cmd.path("subtype").asText().equals("AT_AlterColumnType")) {
                    Catalog.AlterColumnType change = Catalog.AlterColumnType.of(alter.actions().get(i));
                    String treeType = type(cmd.path("def").path("ColumnDef").path("typeName"));
                    agree(out, where, "column retyped", cmd.path("name").asText(), change == null ? null : change.column());
                    if (change != null && treeType != null) {
                        agree(out, where, "new type of " + change.column(), treeType, type(change.type()));
                    }
                }
            }
            return;
        }
        if (alterTableWithoutCmds(kind, n)) {
            // RENAME and SET SCHEMA of a table or of its column or constraint: their own nodes in the tree
            AlterTable alter = AlterTable.parse(st);
            agree(out, where, "table", name(n.path("relation")), alter == null ? null : alter.table());
        }
        if (kind.equals("CreateStmt")) {
            agree(out, where, "created table", name(n.path("relation")), Columns.createdTable(st));
            List<String> columns = new ArrayList<>();
            n.path("tableElts").forEach(e -> {
                if (e.has("ColumnDef")) {
                    columns.add(e.path("ColumnDef").path("colname").asText());
                }
            });
            agree(out, where, "columns", columns.toString(),
                    Columns.ofCreateTable(st).stream().map(Columns.Column::name).toList().toString());
            List<String> treeTypes = new ArrayList<>();
            n.path("tableElts").forEach(e -> {
                if (e.has("ColumnDef")) {
                    treeTypes.add(type(e.path("ColumnDef").path("typeName")));
                }
            });
            List<Columns.Column> read = Columns.ofCreateTable(st);
            for (int i = 0; i < Math.min(read.size(), treeTypes.size()); i++) {
                if (treeTypes.get(i) != null) {
                    agree(out, where, "type of " + read.get(i).name(), treeTypes.get(i), type(ColumnType.parse(read.get(i).type())));
                }
            }
        }
        LockModel.Row row = LockModel.of(st);
        agree(out, where, "lock model row", statementRow(kind, n), row == null ? null : row.form());
    }

    private static void agree(List<String> out, String where, String what, String tree, String tokens) {
        if (!Objects.equals(tree, tokens)) {
            out.add(where + ": " + what + " is " + tree + " in the tree, read as " + tokens);
        }
    }

    /** A RangeVar's name as Tokens.tableName gives it: schema.table when qualified. */
    private static String name(JsonNode rangeVar) {
        String schema = rangeVar.path("schemaname").asText("");
        return (schema.isEmpty() ? "" : schema + ".") + rangeVar.path("relname").asText();
    }

    /** The type names the grammar gives for the spellings ColumnType reads as its canonical ones. */
    private static final java.util.Map<String, String> INTERNAL = java.util.Map.of("int4", "integer", "int8", "bigint",
            "int2", "smallint", "bpchar", "char", "float4", "real", "float8", "double precision", "bool", "boolean",
            "serial4", "integer", "serial8", "bigint", "serial2", "smallint");

    /** A TypeName node as {@code base[mods]} with [] for an array; null for a type ColumnType does not name (a schema's own, %TYPE). */
    private static String type(JsonNode typeName) {
        JsonNode names = typeName.path("names");
        if (names.isEmpty() || typeName.has("pct_type")) {
            return null;
        }
        if (names.size() == 2 && !names.path(0).path("String").path("sval").asText().equals("pg_catalog")) {
            return null;
        }
        String base = names.path(names.size() - 1).path("String").path("sval").asText();
        base = switch (base) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> INTERNAL.getOrDefault(base, base);
        };
        List<Integer> mods = new ArrayList<>();
        for (JsonNode m : typeName.path("typmods")) {
            JsonNode ival = m.path("A_Const").path("ival");
            if (!ival.isObject()) {
                return null; // a modifier that is not a number (interval's fields)
            }
            mods.add(ival.path("ival").asInt(0));
        }
        return base + mods + (typeName.has("arrayBounds") ? "[]" : "");
    }

    private static String type(ColumnType t) {
        return t == null ? null : t.base() + t.mods() + (t.array() ? "[]" : "");
    }

    /** The lock model's row an ALTER TABLE command belongs to, from the tree alone. */
    private static String alterRow(JsonNode cmd) {
        String subtype = cmd.path("subtype").asText();
        JsonNode def = cmd.path("def");
        return switch (subtype) {
            case "AT_SetLogged", "AT_SetUnLogged" -> "ALTER TABLE ... SET LOGGED / SET UNLOGGED";
            case "AT_SetAccessMethod" -> "ALTER TABLE ... SET ACCESS METHOD";
            case "AT_SetTableSpace" -> "ALTER TABLE ... SET TABLESPACE";
            case "AT_DetachPartition" -> def.path("PartitionCmd").path("concurrent").asBoolean()
                    ? "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY" : "ALTER TABLE (any other form)";
            case "AT_AttachPartition" -> "ALTER TABLE ... ATTACH PARTITION";
            case "AT_ValidateConstraint" -> "ALTER TABLE ... VALIDATE CONSTRAINT";
            case "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster" ->
                    "ALTER TABLE ... SET STATISTICS / CLUSTER ON / SET WITHOUT CLUSTER";
            case "AT_SetRelOptions", "AT_ResetRelOptions" -> {
                boolean light = true;
                for (JsonNode o : def.path("List").path("items")) {
                    JsonNode d = o.path("DefElem");
                    String param = d.path("defname").asText();
                    light &= d.path("defnamespace").asText().equals("toast") || param.startsWith("autovacuum_")
                            || LIGHT_PARAMETERS.contains(param);
                }
                yield light ? "ALTER TABLE ... SET / RESET (fillfactor, autovacuum_*, toast.*, parallel_workers, ...)"
                        : "ALTER TABLE (any other form)";
            }
            case "AT_SetOptions", "AT_ResetOptions" -> "ALTER TABLE ... ALTER COLUMN ... SET / RESET (n_distinct, ...)";
            case "AT_AddConstraint" -> {
                JsonNode c = def.path("Constraint");
                if (!c.path("contype").asText().equals("CONSTR_FOREIGN")) {
                    yield "ALTER TABLE (any other form)";
                }
                yield c.path("skip_validation").asBoolean() ? "ALTER TABLE ... ADD FOREIGN KEY ... NOT VALID"
                        : "ALTER TABLE ... ADD FOREIGN KEY";
            }
            default -> TRIGGER_SUBTYPES.contains(subtype) ? "ALTER TABLE ... ENABLE / DISABLE TRIGGER"
                    : "ALTER TABLE (any other form)";
        };
    }

    /** An ALTER TABLE the tree keeps apart from AlterTableStmt: RENAME (of the table, a column, a constraint), SET SCHEMA. */
    private static boolean alterTableWithoutCmds(String kind, JsonNode n) {
        return kind.equals("RenameStmt") && (n.path("renameType").asText().equals("OBJECT_TABLE")
                || n.path("renameType").asText().equals("OBJECT_TABCONSTRAINT")
                || n.path("relationType").asText().equals("OBJECT_TABLE"))
                || kind.equals("AlterObjectSchemaStmt") && n.path("objectType").asText().equals("OBJECT_TABLE");
    }

    /** The lock model's row of a statement other than ALTER TABLE, from the tree alone; null: none. */
    private static String statementRow(String kind, JsonNode n) {
        if (alterTableWithoutCmds(kind, n)) {
            return "ALTER TABLE (any other form)";
        }
        return switch (kind) {
            case "CreateStmt" -> n.has("partbound") ? "CREATE TABLE ... PARTITION OF" : null;
            case "CreatePolicyStmt", "AlterPolicyStmt" -> "CREATE / ALTER / DROP POLICY";
            case "RuleStmt" -> "CREATE / DROP RULE";
            case "IndexStmt" -> n.path("concurrent").asBoolean() ? "CREATE INDEX CONCURRENTLY" : "CREATE INDEX";
            case "DropStmt" -> switch (n.path("removeType").asText()) {
                case "OBJECT_INDEX" -> n.path("concurrent").asBoolean() ? "DROP INDEX CONCURRENTLY" : "DROP INDEX";
                case "OBJECT_TABLE" -> "DROP TABLE";
                case "OBJECT_TRIGGER" -> "DROP TRIGGER";
                case "OBJECT_POLICY" -> "CREATE / ALTER / DROP POLICY";
                case "OBJECT_RULE" -> "CREATE / DROP RULE";
                default -> null;
            };
            case "ReindexStmt" -> has(n.path("params"), "concurrently") ? "REINDEX ... CONCURRENTLY" : "REINDEX";
            case "VacuumStmt" -> !n.path("is_vacuumcmd").asBoolean() ? null
                    : has(n.path("options"), "full") ? "VACUUM FULL" : "VACUUM";
            case "ClusterStmt" -> "CLUSTER";
            case "RefreshMatViewStmt" -> n.path("concurrent").asBoolean() ? "REFRESH MATERIALIZED VIEW CONCURRENTLY"
                    : "REFRESH MATERIALIZED VIEW";
            case "TruncateStmt" -> "TRUNCATE";
            case "CreateTrigStmt" -> "CREATE TRIGGER";
            case "LockStmt" -> "LOCK TABLE";
            case "UpdateStmt", "DeleteStmt", "InsertStmt", "MergeStmt" -> "UPDATE, DELETE, INSERT, MERGE";
            case "CommentStmt" -> "COMMENT ON";
            default -> null;
        };
    }

    private static boolean has(JsonNode defElems, String name) {
        for (JsonNode d : defElems) {
            if (d.path("DefElem").path("defname").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The texts of the corpus: one per file or labelled case (each part of a case on its own). */
    private static List<String> corpus() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = TreeAgreementTest.class.getResourceAsStream("/tree-corpus.sql")) {
            out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = TreeAgreementTest.class.getResourceAsStream("/lint-cases.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("+ ") || line.startsWith("- ")) {
                    String sql = line.substring(2).replaceFirst("^\\[\\w+]\\s*", "").replace("\\n", "\n");
                    for (String part : sql.split("\\s*(==>|\\|\\|\\|)\\s*")) {
                        out.add(part);
                    }
                }
            }
        }
        Path examples = Path.of("..", "examples");
        if (Files.isDirectory(examples)) {
            try (Stream<Path> files = Files.walk(examples)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    out.add(Files.readString(f));
                }
            }
        }
        return out;
    }
}
