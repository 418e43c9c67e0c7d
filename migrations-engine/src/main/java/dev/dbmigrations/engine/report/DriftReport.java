package dev.dbmigrations.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbmigrations.engine.api.DriftResult;

/** {@code migrations:drift}'s result as JSON: per service, what only the database has and what only the migrations have. */
public final class DriftReport {

    private DriftReport() {
    }

    public static String json(DriftResult r) {
        ObjectNode root = Json.object();
        root.put("scratch", r.scratch());
        root.put("ok", r.ok());
        ArrayNode list = root.putArray("services");
        for (DriftResult.Service s : r.services()) {
            ObjectNode o = list.addObject();
            o.put("service", s.service());
            o.put("schema", s.schema());
            o.put("applied", s.applied());
            s.added().forEach(o.putArray("inDatabaseOnly")::add);
            s.missing().forEach(o.putArray("inMigrationsOnly")::add);
            s.edited().forEach(o.putArray("editedSinceApplied")::add);
        }
        Json.problems(root, "problems", r.problems());
        return Json.write(root);
    }
}
