import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTrail1795678176897 implements MigrationInterface {
  name = 'AuditTrail1795678176897';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_chain_head" ("id" smallint NOT NULL, "last_hash" character(64) NOT NULL, "event_count" bigint NOT NULL, CONSTRAINT "CK_audit_chain_head_single_row" CHECK ("id" = 1), CONSTRAINT "PK_audit_chain_head" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL, "sequence" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "action" character varying(40) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" character varying(64) NOT NULL, "request_id" character varying(128), "changed_fields" jsonb NOT NULL DEFAULT '[]', "previous_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_audit_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IX_audit_events_at" ON "audit_events" ("at") `);
    await queryRunner.query(`CREATE INDEX "IX_audit_events_actor" ON "audit_events" ("actor_id", "sequence") `);
    await queryRunner.query(`CREATE INDEX "IX_audit_events_entity" ON "audit_events" ("entity_type", "entity_id", "sequence") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_audit_events_sequence" ON "audit_events" ("sequence") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_audit_events_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."IX_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IX_audit_events_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IX_audit_events_at"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
  }
}
