import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScreeningReportIndexes1795689462540 implements MigrationInterface {
  name = 'ScreeningReportIndexes1795689462540';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_screenings_ran_at"`);
    await queryRunner.query(`CREATE INDEX "IX_screenings_ran_at_outcome" ON "screenings" ("ran_at", "outcome", "id") `);
    await queryRunner.query(`CREATE INDEX "IX_screening_reviews_override" ON "screening_reviews" ("screening_id") WHERE decision = 'override'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_screening_reviews_override"`);
    await queryRunner.query(`DROP INDEX "public"."IX_screenings_ran_at_outcome"`);
    await queryRunner.query(`CREATE INDEX "IX_screenings_ran_at" ON "screenings" ("ran_at") `);
  }
}
