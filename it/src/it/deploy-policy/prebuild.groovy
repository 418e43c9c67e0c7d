import java.time.LocalDate
import java.time.ZoneOffset

dev.dbmigrations.it.ItDatabase.prepare(basedir)
// production's only maintenance window is the day after tomorrow: never now
def day = LocalDate.now(ZoneOffset.UTC).plusDays(2).dayOfWeek.name().substring(0, 3).toLowerCase()
new File(basedir, 'migrations/environments.json').text = """{
  "production": {"approval": "high",
                 "maintenanceWindows": [{"days": ["${day}"], "from": "00:00", "to": "23:59", "zone": "UTC"}]}
}
"""
return true
