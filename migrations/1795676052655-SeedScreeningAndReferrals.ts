import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data, not schema: the default screening rule set, the due-date defaults per task type, and a starter
 * directory of providers. Written out literally, so later code changes cannot alter what this shipped.
 */
export class SeedScreeningAndReferrals1795676052655 implements MigrationInterface {
  name = 'SeedScreeningAndReferrals1795676052655';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const severities = {
      PVD: 'contraindication',
      DIABETES: 'contraindication',
      SMOKER: 'contraindication',
      LIMB_RADIOTHERAPY: 'contraindication',
      CHEMOTHERAPY_ONGOING: 'contraindication',
      CHEMOTHERAPY_PAST: 'caution',
      SKELETAL_IMMATURITY: 'contraindication',
      ACTIVE_INFECTION: 'contraindication',
      IMMUNOSUPPRESSION: 'caution',
      OSTEOPOROSIS: 'caution',
      PREGNANCY: 'caution',
      LEVEL_EMERGING: 'caution',
      LEVEL_UNUSUAL: 'caution',
    };
    await queryRunner.query(
      `INSERT INTO "screening_rule_sets" ("version", "description", "severities", "active", "activated_at") VALUES ($1, $2, $3, true, now())`,
      ['oi-default-1', 'Default severities as shipped with oi-intake', JSON.stringify(severities)],
    );

    const dueInDays: [string, number][] = [
      ['SURGEON_OPINION', 28],
      ['SECOND_SURGEON_OPINION', 42],
      ['PEER_SUPPORT', 14],
      ['PAIN_PSYCHOLOGIST', 28],
      ['PAIN_SPECIALIST', 28],
      ['PROSTHETIST', 21],
      ['OCCUPATIONAL_THERAPIST', 14],
      ['PHYSIOTHERAPIST', 14],
      ['PERSONAL_TRAINER', 28],
      ['PROSTHETIST_SOCKET_REVIEW', 14],
      ['RESCREEN_REVIEW', 90],
      ['OBTAIN_MEDICAL_RECORDS', 21],
    ];
    for (const [type, days] of dueInDays) {
      await queryRunner.query(`INSERT INTO "referral_task_type_settings" ("type", "due_in_days") VALUES ($1, $2)`, [type, days]);
    }

    const placeholder = 'Example entry from the starter directory: replace it with a real contact before referring anyone.';
    const providers: [string, string, string | null, string | null, string, boolean][] = [
      ['Limbless Association', 'peer_support', 'Limbless Association', 'https://www.limbless-association.org', 'UK charity: trained volunteer visitors who are amputees themselves offer peer support to amputees and their families.', false],
      ['Limb Care', 'peer_support', 'Limb Care', 'https://www.limbcare.org', 'UK charity supporting amputees, their families and carers, including peer support and advice.', false],
      ['Reach', 'peer_support', 'Reach Charity', 'https://reach.org.uk', 'UK charity for children and young people with upper-limb differences, and their families.', false],
      ['Example OI surgeon A (placeholder)', 'surgeon', null, null, placeholder, true],
      ['Example OI surgeon B (placeholder)', 'surgeon', null, null, placeholder, true],
      ['Example pain psychologist (placeholder)', 'pain_psychologist', null, null, placeholder, true],
      ['Example pain specialist (placeholder)', 'pain_specialist', null, null, placeholder, true],
      ['Example prosthetist (placeholder)', 'prosthetist', null, null, placeholder, true],
      ['Example occupational therapist (placeholder)', 'occupational_therapist', null, null, placeholder, true],
      ['Example physiotherapist (placeholder)', 'physiotherapist', null, null, placeholder, true],
      ['Example personal trainer (placeholder)', 'personal_trainer', null, null, placeholder, true],
    ];
    for (const [name, kind, organisation, website, notes, isExample] of providers) {
      await queryRunner.query(
        `INSERT INTO "providers" ("name", "kind", "organisation", "website", "notes", "is_example") VALUES ($1, $2, $3, $4, $5, $6)`,
        [name, kind, organisation, website, notes, isExample],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Only what this migration wrote and nothing has come to depend on.
    await queryRunner.query(`DELETE FROM "providers" p WHERE "version" = 1 AND NOT EXISTS (SELECT 1 FROM "referral_tasks" t WHERE t."provider_id" = p."id")`);
    await queryRunner.query(`DELETE FROM "referral_task_type_settings"`);
    await queryRunner.query(`DELETE FROM "screening_rule_sets" r WHERE "version" = 'oi-default-1' AND NOT EXISTS (SELECT 1 FROM "screenings" s WHERE s."rule_set_id" = r."id")`);
  }
}
