package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Risk;

import java.nio.file.Path;

/**
 * One rule's verdict on one statement.
 *
 * @param ruleId  the rule's stable kebab-case id
 * @param risk    the risk of this occurrence (a rule may lower or raise its default)
 * @param message what is wrong here, naming the table or column
 * @param fix     what to do instead, with example SQL
 * @param ignored the file silences this rule with {@code -- migrations:ignore <rule-id> <reason>}
 */
public record Finding(String ruleId, Risk risk, Path file, int line, int column, String message, String fix,
                      boolean ignored) {

    public Finding ignore() {
        return new Finding(ruleId, risk, file, line, column, message, fix, true);
    }

    public Problem toProblem() {
        return Problem.finding(file, line, column, ruleId, message, fix);
    }
}
