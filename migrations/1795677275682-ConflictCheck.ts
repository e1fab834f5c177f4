import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConflictCheck1795677275682 implements MigrationInterface {
  name = 'ConflictCheck1795677275682';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Generated as "ADD ... NOT NULL", which fails on a table with rows: added, filled, then made NOT NULL.
    await queryRunner.query(`ALTER TABLE "clients" ADD "folded_full_name" text`);
    await queryRunner.query(`UPDATE "clients" SET "folded_full_name" = "folded_first_name" || "folded_last_name"`);
    await queryRunner.query(`ALTER TABLE "clients" ALTER COLUMN "folded_full_name" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "folded_defendant_name" text`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "folded_insurer_name" text`);
    // Existing parties folded as near foldName() as SQL allows (accents stay); the next edit or check refolds them.
    await queryRunner.query(`UPDATE "cases" SET "folded_defendant_name" = lower(regexp_replace("defendant_name", '[^[:alnum:]]', '', 'g')) WHERE "defendant_name" IS NOT NULL`);
    await queryRunner.query(`UPDATE "cases" SET "folded_insurer_name" = lower(regexp_replace("insurer_name", '[^[:alnum:]]', '', 'g')) WHERE "insurer_name" IS NOT NULL`);
    await queryRunner.query(`CREATE TYPE "public"."conflict_status" AS ENUM('clear', 'potential', 'overridden')`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "conflict_status" "public"."conflict_status" NOT NULL DEFAULT 'clear'`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "conflict_matches" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "conflict_checked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "conflict_override_reason" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "conflict_overridden_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "conflict_overridden_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IX_clients_folded_full_name" ON "clients" ("folded_full_name") `);
    await queryRunner.query(`CREATE INDEX "IX_cases_folded_insurer_name" ON "cases" ("folded_insurer_name") `);
    await queryRunner.query(`CREATE INDEX "IX_cases_folded_defendant_name" ON "cases" ("folded_defendant_name") `);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_conflict_overridden_by" FOREIGN KEY ("conflict_overridden_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_conflict_overridden_by"`);
    await queryRunner.query(`DROP INDEX "public"."IX_cases_folded_defendant_name"`);
    await queryRunner.query(`DROP INDEX "public"."IX_cases_folded_insurer_name"`);
    await queryRunner.query(`DROP INDEX "public"."IX_clients_folded_full_name"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "conflict_overridden_at"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "conflict_overridden_by_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "conflict_override_reason"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "conflict_checked_at"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "conflict_matches"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "conflict_status"`);
    await queryRunner.query(`DROP TYPE "public"."conflict_status"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "folded_insurer_name"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "folded_defendant_name"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "folded_full_name"`);
  }
}
