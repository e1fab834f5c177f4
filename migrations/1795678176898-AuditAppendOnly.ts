import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail is append-only in the database itself, whatever the application does: triggers refuse
 * UPDATE, DELETE and TRUNCATE of events (and removal of the chain head), and the migrating role gives up
 * those privileges. Hand-written: entities cannot express triggers or grants.
 */
export class AuditAppendOnly1795678176898 implements MigrationInterface {
  name = 'AuditAppendOnly1795678176898';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_chain_head_kept" BEFORE DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC, CURRENT_USER`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON "audit_chain_head" FROM PUBLIC, CURRENT_USER`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT UPDATE, DELETE, TRUNCATE ON "audit_events" TO CURRENT_USER`);
    await queryRunner.query(`GRANT DELETE, TRUNCATE ON "audit_chain_head" TO CURRENT_USER`);
    await queryRunner.query(`DROP TRIGGER "audit_chain_head_no_truncate" ON "audit_chain_head"`);
    await queryRunner.query(`DROP TRIGGER "audit_chain_head_kept" ON "audit_chain_head"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_refuse_change"()`);
  }
}
