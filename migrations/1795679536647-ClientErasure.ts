import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientErasure1795679536647 implements MigrationInterface {
  name = 'ClientErasure1795679536647';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "clients" ADD "erased_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "clients" ADD "erasure_reason" character varying(1000)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "erasure_reason"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "erased_by_id"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "erased_at"`);
  }
}
