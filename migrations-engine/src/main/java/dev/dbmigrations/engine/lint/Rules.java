package dev.dbmigrations.engine.lint;

import dev.dbmigrations.engine.lint.rules.AddingFieldWithVolatileDefault;
import dev.dbmigrations.engine.lint.rules.AddingForeignKeyConstraint;
import dev.dbmigrations.engine.lint.rules.AddingNotNullableField;
import dev.dbmigrations.engine.lint.rules.AddingSerialPrimaryKeyField;
import dev.dbmigrations.engine.lint.rules.BanAlterDomainWithAddConstraint;
import dev.dbmigrations.engine.lint.rules.BanCharField;
import dev.dbmigrations.engine.lint.rules.BanConcurrentIndexCreationInTransaction;
import dev.dbmigrations.engine.lint.rules.BanCreateDomainWithConstraint;
import dev.dbmigrations.engine.lint.rules.BanDropColumn;
import dev.dbmigrations.engine.lint.rules.BanDropDatabase;
import dev.dbmigrations.engine.lint.rules.BanDropNotNull;
import dev.dbmigrations.engine.lint.rules.BanDropSchema;
import dev.dbmigrations.engine.lint.rules.BanDropTable;
import dev.dbmigrations.engine.lint.rules.BanTableRewrite;
import dev.dbmigrations.engine.lint.rules.BanTruncate;
import dev.dbmigrations.engine.lint.rules.ChangingColumnType;
import dev.dbmigrations.engine.lint.rules.ConstraintMissingNotValid;
import dev.dbmigrations.engine.lint.rules.DeleteWithoutWhere;
import dev.dbmigrations.engine.lint.rules.DisallowedUniqueConstraint;
import dev.dbmigrations.engine.lint.rules.IdentifierTooLong;
import dev.dbmigrations.engine.lint.rules.NarrowingColumnType;
import dev.dbmigrations.engine.lint.rules.PreferBigintPrimaryKey;
import dev.dbmigrations.engine.lint.rules.PreferIdentity;
import dev.dbmigrations.engine.lint.rules.PreferRobustStmts;
import dev.dbmigrations.engine.lint.rules.PreferTextField;
import dev.dbmigrations.engine.lint.rules.PreferTimestamptz;
import dev.dbmigrations.engine.lint.rules.PreferJsonb;
import dev.dbmigrations.engine.lint.rules.RenamingColumn;
import dev.dbmigrations.engine.lint.rules.RenamingTable;
import dev.dbmigrations.engine.lint.rules.RequireConcurrentIndexCreation;
import dev.dbmigrations.engine.lint.rules.RequireConcurrentIndexDeletion;
import dev.dbmigrations.engine.lint.rules.RequireConcurrentPartitionDetach;
import dev.dbmigrations.engine.lint.rules.RequireConcurrentRefresh;
import dev.dbmigrations.engine.lint.rules.RequireConcurrentReindex;
import dev.dbmigrations.engine.lint.rules.RequireLockTimeout;
import dev.dbmigrations.engine.lint.rules.WorkUnderBlockingLock;
import dev.dbmigrations.engine.lint.rules.EnumValueUsedInSameTransaction;
import dev.dbmigrations.engine.lint.rules.AddingExclusionConstraint;
import dev.dbmigrations.engine.lint.rules.SettingNotNull;
import dev.dbmigrations.engine.lint.rules.UpdateWithoutWhere;

import java.util.List;
import java.util.Optional;

/** Every risk rule, in the order of docs/validation.md. The one list: docs and tests are checked against it. */
public final class Rules {

    private static final List<Rule> ALL = List.of(
            new AddingNotNullableField(), new AddingFieldWithVolatileDefault(), new AddingSerialPrimaryKeyField(),
            new ChangingColumnType(), new NarrowingColumnType(), new SettingNotNull(), new BanDropNotNull(),
            new ConstraintMissingNotValid(), new AddingForeignKeyConstraint(), new DisallowedUniqueConstraint(),
            new AddingExclusionConstraint(),
            new RequireConcurrentIndexCreation(), new RequireConcurrentIndexDeletion(),
            new BanConcurrentIndexCreationInTransaction(), new RequireConcurrentReindex(),
            new RequireConcurrentRefresh(), new RequireConcurrentPartitionDetach(), new BanTableRewrite(), new RequireLockTimeout(),
            new WorkUnderBlockingLock(), new EnumValueUsedInSameTransaction(),
            new BanDropTable(), new BanDropColumn(), new BanDropSchema(), new BanDropDatabase(), new BanTruncate(),
            new RenamingTable(), new RenamingColumn(), new UpdateWithoutWhere(), new DeleteWithoutWhere(),
            new BanCreateDomainWithConstraint(), new BanAlterDomainWithAddConstraint(), new PreferRobustStmts(),
            new PreferIdentity(), new PreferBigintPrimaryKey(), new PreferTextField(), new BanCharField(),
            new PreferTimestamptz(), new PreferJsonb(), new IdentifierTooLong());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
