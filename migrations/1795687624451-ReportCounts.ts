import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportCounts1795687624451 implements MigrationInterface {
  name = 'ReportCounts1795687624451';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "report_daily_enquiry_counts" ("opened_on" date NOT NULL, "source" "public"."enquiry_source" NOT NULL, "shard" smallint NOT NULL, "enquiries" integer NOT NULL DEFAULT '0', "accepted" integer NOT NULL DEFAULT '0', "declined" integer NOT NULL DEFAULT '0', "referred_elsewhere" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_report_daily_enquiry_counts" PRIMARY KEY ("opened_on", "source", "shard"))`);
    await queryRunner.query(`CREATE TABLE "report_open_case_counts" ("assigned_solicitor_id" uuid NOT NULL, "intake_stage" "public"."intake_stage" NOT NULL, "pathway_stage" "public"."pathway_stage" NOT NULL, "shard" smallint NOT NULL, "cases" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_report_open_case_counts" PRIMARY KEY ("assigned_solicitor_id", "intake_stage", "pathway_stage", "shard"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_open_case_counts"`);
    await queryRunner.query(`DROP TABLE "report_daily_enquiry_counts"`);
  }
}
