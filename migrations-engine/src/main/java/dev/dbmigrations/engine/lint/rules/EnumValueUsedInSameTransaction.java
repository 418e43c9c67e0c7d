package dev.dbmigrations.engine.lint.rules;

import dev.dbmigrations.engine.api.Risk;
import dev.dbmigrations.engine.lint.BaseRule;
import dev.dbmigrations.engine.lint.LintContext;
import dev.dbmigrations.engine.lint.Tokens;
import dev.dbmigrations.engine.sql.SqlStatement;
import dev.dbmigrations.engine.sql.Token;
import dev.dbmigrations.engine.sql.TokenType;

/**
 * {@code enum-value-used-in-same-transaction}: PostgreSQL lets {@code ALTER TYPE ... ADD VALUE} run in
 * a transaction (since 12), but refuses the new value until that transaction commits ("unsafe use of
 * new value"), unless the type itself was created in it; a migration that adds a value and uses it
 * fails at deploy.
 */
public final class EnumValueUsedInSameTransaction extends BaseRule {

    public EnumValueUsedInSameTransaction() {
        super("enum-value-used-in-same-transaction", Risk.HIGH,
                "none beyond the statements' own: the migration fails",
                "nothing: the deploy stops at the statement, and its transaction is rolled back",
                "PostgreSQL lets ALTER TYPE ... ADD VALUE run in a transaction (since 12), but refuses the new value until that transaction commits (\"unsafe use of new value\"), unless the type itself was created in it; a migration that adds a value and uses it fails at deploy.",
                "add the value in a migration of its own and use it in a later one, or mark the file -- migrations:no-transaction so that ADD VALUE commits before the next statement: ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'archived'; then, in the next migration, UPDATE orders SET status = 'archived' WHERE ...;");
    }

    @Override
    public String versions() {
        return "PostgreSQL 12 to 17 (before 12, ADD VALUE cannot run in a transaction at all)";
    }

    @Override
    public void check(SqlStatement st, LintContext ctx) {
        if (!ctx.inTransaction() && !ctx.explicitTransactionOpen()) {
            return;
        }
        Tokens t = new Tokens(st.tokens());
        if (t.at(0, "create", "type") && t.find(2, "as", "enum") > 0) {
            ctx.typeCreated(t.name(2));
            return;
        }
        if (t.at(0, "alter", "type")) {
            int add = t.find(2, "add", "value");
            if (add > 0 && !ctx.isNewType(t.name(2))) {
                int at = t.word(add + 2).equals("if") ? add + 5 : add + 2;
                if (at < t.size() && t.get(at).type() == TokenType.STRING) {
                    ctx.enumValueAdded(t.get(at).text(), t.get(at).line());
                }
            }
            return;
        }
        for (Token tok : st.tokens()) {
            if (tok.type() == TokenType.STRING) {
                Integer line = ctx.enumValueAddedAt(tok.text());
                if (line != null) {
                    ctx.reportOncePerFile(this, st, tok, "uses " + tok.text() + ", which ALTER TYPE ... ADD VALUE at line "
                            + line + " added in this transaction: PostgreSQL refuses a new enum value until the"
                            + " transaction that added it commits");
                    return;
                }
            }
        }
    }
}
