import { MigrationInterface, QueryRunner } from 'typeorm';
import { ReportCountTriggers1795687624452 } from './1795687624452-ReportCountTriggers';

const DECISIONS = `('accepted', 'declined', 'referred_elsewhere')`;
const LONDON_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;
const SHARD = (column: string) => `mod(${column}, 8)::smallint`;
const COUNTED = ['assigned_solicitor_id', 'intake_stage', 'pathway_stage', 'created_at', 'source', 'number'];
const COUNTED_COLUMNS_CHANGED = `(${COUNTED.map((column) => `r."${column}"`).join(', ')}) IS DISTINCT FROM (${COUNTED.map((column) => `a."${column}"`).join(', ')})`;
const EVER = (caseId: string, stage: string) =>
  `EXISTS (SELECT 1 FROM "case_stage_changes" c WHERE c."case_id" = ${caseId} AND c."track" = 'intake' AND c."to_stage" = '${stage}')`;
/** Stands for a transition table the operation does not have. */
const NO_STAGE_CHANGES = `(SELECT * FROM "case_stage_changes" WHERE false)`;

// The statement's cases as they were (-1) and as they are (+1); on update, only rows whose counted columns changed.
const CASES_ADDED = `SELECT a.*, 1 AS delta FROM added a`;
const CASES_MOVED = `SELECT r.*, -1 AS delta FROM removed r JOIN added a USING ("id") WHERE ${COUNTED_COLUMNS_CHANGED}
              UNION ALL SELECT a.*, 1 FROM added a JOIN removed r USING ("id") WHERE ${COUNTED_COLUMNS_CHANGED}`;

const UPSERT_OPEN_CASES = (moved: string) => `
        INSERT INTO "report_open_case_counts" AS t ("assigned_solicitor_id", "intake_stage", "pathway_stage", "shard", "cases")
        SELECT m."assigned_solicitor_id", m."intake_stage", m."pathway_stage", ${SHARD('m."number"')}, sum(m.delta)
          FROM (${moved}) m WHERE m."intake_stage" IN ('enquiry', 'accepted')
         GROUP BY 1, 2, 3, 4 HAVING sum(m.delta) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT ("assigned_solicitor_id", "intake_stage", "pathway_stage", "shard") DO UPDATE SET "cases" = t."cases" + excluded."cases";`;

const UPSERT_DAILY_ENQUIRIES = (moved: string) => `
        INSERT INTO "report_daily_enquiry_counts" AS t ("opened_on", "source", "shard", "enquiries", "accepted", "declined", "referred_elsewhere")
        SELECT ${LONDON_DAY('m."created_at"')}, m."source", ${SHARD('m."number"')}, sum(m.delta),
               coalesce(sum(m.delta) FILTER (WHERE ${EVER('m."id"', 'accepted')}), 0),
               coalesce(sum(m.delta) FILTER (WHERE ${EVER('m."id"', 'declined')}), 0),
               coalesce(sum(m.delta) FILTER (WHERE ${EVER('m."id"', 'referred_elsewhere')}), 0)
          FROM (${moved}) m
         GROUP BY 1, 2, 3 HAVING sum(m.delta) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT ("opened_on", "source", "shard") DO UPDATE SET "enquiries" = t."enquiries" + excluded."enquiries",
          "accepted" = t."accepted" + excluded."accepted", "declined" = t."declined" + excluded."declined",
          "referred_elsewhere" = t."referred_elsewhere" + excluded."referred_elsewhere";`;

// A (case, decision) pair the statement touched counts +1 if it exists now and did not before, -1 the other way round.
const UPSERT_DECISIONS = (before: string, after: string) => `
        WITH touched AS (
          SELECT "case_id", "to_stage" FROM ${before} b WHERE b."track" = 'intake' AND b."to_stage" IN ${DECISIONS}
          UNION
          SELECT "case_id", "to_stage" FROM ${after} a WHERE a."track" = 'intake' AND a."to_stage" IN ${DECISIONS}
        ), shifted AS (
          SELECT p."case_id", p."to_stage",
                 (EXISTS (SELECT 1 FROM "case_stage_changes" c WHERE c."case_id" = p."case_id" AND c."track" = 'intake' AND c."to_stage" = p."to_stage"))::int
               - (EXISTS (SELECT 1 FROM "case_stage_changes" c WHERE c."case_id" = p."case_id" AND c."track" = 'intake' AND c."to_stage" = p."to_stage"
                            AND c."id" NOT IN (SELECT a."id" FROM ${after} a))
                  OR EXISTS (SELECT 1 FROM ${before} b WHERE b."case_id" = p."case_id" AND b."track" = 'intake' AND b."to_stage" = p."to_stage"))::int AS delta
            FROM touched p
        )
        INSERT INTO "report_daily_enquiry_counts" AS t ("opened_on", "source", "shard", "enquiries", "accepted", "declined", "referred_elsewhere")
        SELECT ${LONDON_DAY('m."created_at"')}, m."source", ${SHARD('m."number"')}, 0,
               coalesce(sum(s.delta) FILTER (WHERE s."to_stage" = 'accepted'), 0),
               coalesce(sum(s.delta) FILTER (WHERE s."to_stage" = 'declined'), 0),
               coalesce(sum(s.delta) FILTER (WHERE s."to_stage" = 'referred_elsewhere'), 0)
          FROM shifted s JOIN "cases" m ON m."id" = s."case_id"
         WHERE s.delta <> 0
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT ("opened_on", "source", "shard") DO UPDATE SET
          "accepted" = t."accepted" + excluded."accepted", "declined" = t."declined" + excluded."declined",
          "referred_elsewhere" = t."referred_elsewhere" + excluded."referred_elsewhere";`;

/**
 * The count triggers of ReportCountTriggers with the same statements written out once per operation
 * instead of put together and EXECUTEd on every call: PL/pgSQL prepares a static statement once per
 * session and reuses its plan, where EXECUTE parsed and planned both upserts on every case insert and
 * stage move. What they count, and how, is unchanged; an update that touches no counted column of any
 * case now stops after one look instead of two upserts that found nothing.
 */
export class ReportCountTriggersStatic1795688361907 implements MigrationInterface {
  name = 'ReportCountTriggersStatic1795688361907';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "report_counts_on_cases"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT report_counts_maintained() THEN RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN
          ${UPSERT_OPEN_CASES(CASES_ADDED)}
          ${UPSERT_DAILY_ENQUIRIES(CASES_ADDED)}
        ELSE
          IF NOT EXISTS (SELECT 1 FROM removed r JOIN added a USING ("id") WHERE ${COUNTED_COLUMNS_CHANGED}) THEN RETURN NULL; END IF;
          ${UPSERT_OPEN_CASES(CASES_MOVED)}
          ${UPSERT_DAILY_ENQUIRIES(CASES_MOVED)}
        END IF;
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "report_counts_on_stage_changes"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT report_counts_maintained() THEN RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN
          ${UPSERT_DECISIONS(NO_STAGE_CHANGES, 'added')}
        ELSIF TG_OP = 'UPDATE' THEN
          ${UPSERT_DECISIONS('removed', 'added')}
        ELSE
          ${UPSERT_DECISIONS('removed', NO_STAGE_CHANGES)}
        END IF;
        RETURN NULL;
      END
    $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the dynamic functions exactly as ReportCountTriggers wrote them (which recounts once, under a share lock).
    const previous = new ReportCountTriggers1795687624452();
    await previous.down(queryRunner);
    await previous.up(queryRunner);
  }
}
