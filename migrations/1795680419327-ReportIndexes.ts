import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1795680419327 implements MigrationInterface {
  name = 'ReportIndexes1795680419327';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IX_cases_open_by_solicitor_stage" ON "cases" ("assigned_solicitor_id", "intake_stage", "pathway_stage") WHERE intake_stage IN ('enquiry', 'accepted')`);
    await queryRunner.query(`CREATE INDEX "IX_cases_solicitor_created_at" ON "cases" ("assigned_solicitor_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IX_cases_created_at" ON "cases" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IX_screenings_ran_at" ON "screenings" ("ran_at") `);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_active_due" ON "referral_tasks" ("due_date", "assignee_id") WHERE status IN ('open', 'in_progress')`);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_created_at" ON "referral_tasks" ("created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_active_due"`);
    await queryRunner.query(`DROP INDEX "public"."IX_screenings_ran_at"`);
    await queryRunner.query(`DROP INDEX "public"."IX_cases_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."IX_cases_solicitor_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."IX_cases_open_by_solicitor_stage"`);
  }
}
