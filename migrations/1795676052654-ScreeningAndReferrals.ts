import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScreeningAndReferrals1795676052654 implements MigrationInterface {
  name = 'ScreeningAndReferrals1795676052654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."provider_kind" AS ENUM('surgeon', 'peer_support', 'pain_psychologist', 'pain_specialist', 'prosthetist', 'occupational_therapist', 'physiotherapist', 'personal_trainer')`);
    await queryRunner.query(`CREATE TABLE "providers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" "public"."provider_kind" NOT NULL, "organisation" character varying(200), "region" character varying(100), "email" character varying(254), "phone" character varying(30), "website" character varying(300), "notes" character varying(2000), "is_example" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_providers" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IX_providers_kind_name" ON "providers" ("kind", "name") `);
    await queryRunner.query(`CREATE TABLE "screening_rule_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" character varying(40) NOT NULL, "description" character varying(500), "severities" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT false, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_screening_rule_sets" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_screening_rule_sets_one_active" ON "screening_rule_sets" ("active") WHERE active`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_screening_rule_sets_version" ON "screening_rule_sets" ("version") `);
    await queryRunner.query(`CREATE TYPE "public"."screening_outcome" AS ENUM('refer', 'refer_with_caution', 'not_indicated', 'needs_information', 'contraindicated')`);
    await queryRunner.query(`CREATE TABLE "screenings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "rule_set_id" uuid NOT NULL, "rule_set_version" character varying(40) NOT NULL, "outcome" "public"."screening_outcome" NOT NULL, "flags" jsonb NOT NULL, "snapshot" jsonb NOT NULL, "ran_by_id" uuid NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_screenings" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IX_screenings_case_sequence" ON "screenings" ("case_id", "sequence") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_screenings_sequence" ON "screenings" ("sequence") `);
    await queryRunner.query(`CREATE TYPE "public"."referral_task_type" AS ENUM('SURGEON_OPINION', 'SECOND_SURGEON_OPINION', 'PEER_SUPPORT', 'PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PROSTHETIST', 'OCCUPATIONAL_THERAPIST', 'PHYSIOTHERAPIST', 'PERSONAL_TRAINER', 'PROSTHETIST_SOCKET_REVIEW', 'RESCREEN_REVIEW', 'OBTAIN_MEDICAL_RECORDS')`);
    await queryRunner.query(`CREATE TYPE "public"."referral_phase" AS ENUM('pre_op', 'post_op')`);
    await queryRunner.query(`CREATE TYPE "public"."referral_task_status" AS ENUM('open', 'in_progress', 'done', 'cancelled')`);
    await queryRunner.query(`CREATE TABLE "referral_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "type" "public"."referral_task_type" NOT NULL, "phase" "public"."referral_phase" NOT NULL, "status" "public"."referral_task_status" NOT NULL DEFAULT 'open', "assignee_id" uuid, "due_date" date NOT NULL, "provider_id" uuid, "note" character varying(2000), "outcome_note" character varying(4000), "screening_id" uuid, "created_by_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_referral_tasks" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_case" ON "referral_tasks" ("case_id", "number") `);
    await queryRunner.query(`CREATE INDEX "IX_referral_tasks_assignee_due" ON "referral_tasks" ("assignee_id", "due_date", "number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_referral_tasks_number" ON "referral_tasks" ("number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_referral_tasks_one_active" ON "referral_tasks" ("case_id", "type", "phase") WHERE status IN ('open', 'in_progress')`);
    await queryRunner.query(`CREATE TABLE "referral_task_type_settings" ("type" character varying(40) NOT NULL, "due_in_days" integer NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_referral_task_type_settings_due_in_days" CHECK ("due_in_days" BETWEEN 0 AND 365), CONSTRAINT "CK_referral_task_type_settings_type" CHECK ("type" IN ('SURGEON_OPINION', 'SECOND_SURGEON_OPINION', 'PEER_SUPPORT', 'PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PROSTHETIST', 'OCCUPATIONAL_THERAPIST', 'PHYSIOTHERAPIST', 'PERSONAL_TRAINER', 'PROSTHETIST_SOCKET_REVIEW', 'RESCREEN_REVIEW', 'OBTAIN_MEDICAL_RECORDS')), CONSTRAINT "PK_referral_task_type_settings" PRIMARY KEY ("type"))`);
    await queryRunner.query(`CREATE TYPE "public"."screening_review_decision" AS ENUM('accept', 'override')`);
    await queryRunner.query(`CREATE TABLE "screening_reviews" ("screening_id" uuid NOT NULL, "decision" "public"."screening_review_decision" NOT NULL, "reason" character varying(2000), "reviewed_by_id" uuid NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_screening_reviews" PRIMARY KEY ("screening_id"))`);
    await queryRunner.query(`ALTER TABLE "screening_rule_sets" ADD CONSTRAINT "FK_screening_rule_sets_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screenings" ADD CONSTRAINT "FK_screenings_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screenings" ADD CONSTRAINT "FK_screenings_rule_set" FOREIGN KEY ("rule_set_id") REFERENCES "screening_rule_sets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screenings" ADD CONSTRAINT "FK_screenings_ran_by" FOREIGN KEY ("ran_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ADD CONSTRAINT "FK_referral_tasks_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ADD CONSTRAINT "FK_referral_tasks_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ADD CONSTRAINT "FK_referral_tasks_provider" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ADD CONSTRAINT "FK_referral_tasks_screening" FOREIGN KEY ("screening_id") REFERENCES "screenings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" ADD CONSTRAINT "FK_referral_tasks_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_reviews" ADD CONSTRAINT "FK_screening_reviews_screening" FOREIGN KEY ("screening_id") REFERENCES "screenings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_reviews" ADD CONSTRAINT "FK_screening_reviews_reviewed_by" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "screening_reviews" DROP CONSTRAINT "FK_screening_reviews_reviewed_by"`);
    await queryRunner.query(`ALTER TABLE "screening_reviews" DROP CONSTRAINT "FK_screening_reviews_screening"`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" DROP CONSTRAINT "FK_referral_tasks_created_by"`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" DROP CONSTRAINT "FK_referral_tasks_screening"`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" DROP CONSTRAINT "FK_referral_tasks_provider"`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" DROP CONSTRAINT "FK_referral_tasks_assignee"`);
    await queryRunner.query(`ALTER TABLE "referral_tasks" DROP CONSTRAINT "FK_referral_tasks_case"`);
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "FK_screenings_ran_by"`);
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "FK_screenings_rule_set"`);
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "FK_screenings_case"`);
    await queryRunner.query(`ALTER TABLE "screening_rule_sets" DROP CONSTRAINT "FK_screening_rule_sets_created_by"`);
    await queryRunner.query(`DROP TABLE "screening_reviews"`);
    await queryRunner.query(`DROP TYPE "public"."screening_review_decision"`);
    await queryRunner.query(`DROP TABLE "referral_task_type_settings"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_referral_tasks_one_active"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_referral_tasks_number"`);
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_assignee_due"`);
    await queryRunner.query(`DROP INDEX "public"."IX_referral_tasks_case"`);
    await queryRunner.query(`DROP TABLE "referral_tasks"`);
    await queryRunner.query(`DROP TYPE "public"."referral_task_status"`);
    await queryRunner.query(`DROP TYPE "public"."referral_phase"`);
    await queryRunner.query(`DROP TYPE "public"."referral_task_type"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_screenings_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."IX_screenings_case_sequence"`);
    await queryRunner.query(`DROP TABLE "screenings"`);
    await queryRunner.query(`DROP TYPE "public"."screening_outcome"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_screening_rule_sets_version"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_screening_rule_sets_one_active"`);
    await queryRunner.query(`DROP TABLE "screening_rule_sets"`);
    await queryRunner.query(`DROP INDEX "public"."IX_providers_kind_name"`);
    await queryRunner.query(`DROP TABLE "providers"`);
    await queryRunner.query(`DROP TYPE "public"."provider_kind"`);
  }
}
