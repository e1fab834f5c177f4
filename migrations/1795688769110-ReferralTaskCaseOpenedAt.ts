import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, then by hand: the new column is filled from each task's case before it becomes NOT NULL,
 * and a trigger keeps it equal to cases.created_at should a case ever be backdated (the application never
 * changes it; fixtures and hand-run SQL may). The trigger fires only for an UPDATE naming created_at.
 */
export class ReferralTaskCaseOpenedAt1795688769110 implements MigrationInterface {
  name = 'ReferralTaskCaseOpenedAt1795688769110';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_created_at"`);
    // The backfill rewrites every task (about 2M at a million cases): longer than the pool's statement timeout.
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ADD "case_opened_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "referral_tasks" t SET "case_opened_at" = m."created_at" FROM "cases" m WHERE m."id" = t."case_id"`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ALTER COLUMN "case_opened_at" SET NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION "referral_tasks_follow_case_opened_at"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE "referral_tasks" SET "case_opened_at" = NEW."created_at" WHERE "case_id" = NEW."id" AND "case_opened_at" IS DISTINCT FROM NEW."created_at";
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER "referral_tasks_follow_case_opened_at" AFTER UPDATE OF "created_at" ON "cases" FOR EACH ROW
      WHEN (OLD."created_at" IS DISTINCT FROM NEW."created_at") EXECUTE FUNCTION "referral_tasks_follow_case_opened_at"()`);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_case_opened_at" ON "referral_tasks" ("case_opened_at", "case_id", "type", "created_at", "closed_at", "status") `);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_created_at_type_status" ON "referral_tasks" ("created_at", "type", "status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_created_at_type_status"`);
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_case_opened_at"`);
    await queryRunner.query(`DROP TRIGGER "referral_tasks_follow_case_opened_at" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION "referral_tasks_follow_case_opened_at"()`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" DROP COLUMN "case_opened_at"`);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_created_at" ON "referral_tasks" ("created_at") `);
  }
}
