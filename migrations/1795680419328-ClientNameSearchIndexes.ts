import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prefix search on folded names (`LIKE 'hale%'`) can use a B-tree only with text_pattern_ops under a
 * non-C collation. Entities cannot declare an operator class, so these are written by hand; the entity
 * lists them with synchronize: false so the drift check leaves them alone.
 */
export class ClientNameSearchIndexes1795680419328 implements MigrationInterface {
  name = 'ClientNameSearchIndexes1795680419328';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IX_clients_folded_last_name_prefix" ON "clients" ("folded_last_name" text_pattern_ops, "number")`);
    await queryRunner.query(`CREATE INDEX "IX_clients_folded_first_name_prefix" ON "clients" ("folded_first_name" text_pattern_ops, "number")`);
    await queryRunner.query(`CREATE INDEX "IX_clients_folded_full_name_prefix" ON "clients" ("folded_full_name" text_pattern_ops, "number")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_clients_folded_full_name_prefix"`);
    await queryRunner.query(`DROP INDEX "public"."IX_clients_folded_first_name_prefix"`);
    await queryRunner.query(`DROP INDEX "public"."IX_clients_folded_last_name_prefix"`);
  }
}
