import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseLimitationSatisfied1795676729267 implements MigrationInterface {
  name = 'CaseLimitationSatisfied1795676729267';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "limitation_satisfied_on" date`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "limitation_satisfied_note" character varying(1000)`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "limitation_satisfied_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_limitation_satisfied_by" FOREIGN KEY ("limitation_satisfied_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_limitation_satisfied_by"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "limitation_satisfied_by_id"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "limitation_satisfied_note"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "limitation_satisfied_on"`);
  }
}
