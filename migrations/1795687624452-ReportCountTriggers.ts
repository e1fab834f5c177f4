import { MigrationInterface, QueryRunner } from 'typeorm';

const DECISIONS = `('accepted', 'declined', 'referred_elsewhere')`;
const LONDON_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;
const SHARD = (column: string) => `mod(${column}, 8)::smallint`;
const COUNTED = ['assigned_solicitor_id', 'intake_stage', 'pathway_stage', 'created_at', 'source', 'number'];
const COUNTED_COLUMNS_CHANGED = `(${COUNTED.map((column) => `r."${column}"`).join(', ')}) IS DISTINCT FROM (${COUNTED.map((column) => `a."${column}"`).join(', ')})`;
const EVER = (caseId: string, stage: string) =>
  `EXISTS (SELECT 1 FROM "case_stage_changes" c WHERE c."case_id" = ${caseId} AND c."track" = 'intake' AND c."to_stage" = '${stage}')`;

/**
 * Keeps report_open_case_counts and report_daily_enquiry_counts equal to what they count, in the same
 * statement as every write to `cases` and `case_stage_changes`, so the firm-wide caseload report never
 * reads a stale or approximate figure. Hand-written: entities cannot express triggers or functions.
 *
 * - Statement-level triggers with transition tables: a bulk write (COPY, a multi-row UPDATE) costs one
 *   grouped upsert per count table, not one per row. Each upsert adds the statement's net change per key,
 *   in key order (so two writers lock count rows in the same order), and skips keys whose change is zero.
 * - "Decided" mirrors the live report: a case counts as accepted (declined, referred elsewhere) once
 *   any intake stage change to that stage exists for it.
 * - A deleted case's stage changes go by cascade before an AFTER trigger could read them, so deletes
 *   are counted by a BEFORE DELETE row trigger; a cascaded stage change finds no case and counts nothing.
 * - TRUNCATE clears what it counts. A session that sets oi_intake.report_counts = 'rebuild_later' (the
 *   bulk seed) skips the upkeep and must call report_counts_rebuild() before it ends.
 */
export class ReportCountTriggers1795687624452 implements MigrationInterface {
  name = 'ReportCountTriggers1795687624452';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "report_counts_maintained"() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT current_setting('oi_intake.report_counts', true) IS DISTINCT FROM 'rebuild_later'
    $$`);

    // `moved`: the statement's cases as they were (-1) and as they are (+1), as SQL over the transition tables.
    await queryRunner.query(`CREATE FUNCTION "report_counts_on_cases"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        moved text;
      BEGIN
        IF NOT report_counts_maintained() THEN RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN
          moved := 'SELECT a.*, 1 AS delta FROM added a';
        ELSE
          -- Only rows whose counted columns changed; any other row would take away and add back the same one.
          moved := 'SELECT r.*, -1 AS delta FROM removed r JOIN added a USING ("id") WHERE ${COUNTED_COLUMNS_CHANGED}
                    UNION ALL SELECT a.*, 1 FROM added a JOIN removed r USING ("id") WHERE ${COUNTED_COLUMNS_CHANGED}';
        END IF;
        EXECUTE format($q$
          INSERT INTO "report_open_case_counts" AS t ("assigned_solicitor_id", "intake_stage", "pathway_stage", "shard", "cases")
          SELECT m."assigned_solicitor_id", m."intake_stage", m."pathway_stage", ${SHARD('m."number"')}, sum(m.delta)
            FROM (%s) m WHERE m."intake_stage" IN ('enquiry', 'accepted')
           GROUP BY 1, 2, 3, 4 HAVING sum(m.delta) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT ("assigned_solicitor_id", "intake_stage", "pathway_stage", "shard") DO UPDATE SET "cases" = t."cases" + excluded."cases"
        $q$, moved);
        EXECUTE format($q$
          INSERT INTO "report_daily_enquiry_counts" AS t ("opened_on", "source", "shard", "enquiries", "accepted", "declined", "referred_elsewhere")
          SELECT ${LONDON_DAY('m."created_at"')}, m."source", ${SHARD('m."number"')}, sum(m.delta),
                 coalesce(sum(m.delta) FILTER (WHERE ${EVER('m."id"', 'accepted')}), 0),
                 coalesce(sum(m.delta) FILTER (WHERE ${EVER('m."id"', 'declined')}), 0),
                 coalesce(sum(m.delta) FILTER (WHERE ${EVER('m."id"', 'referred_elsewhere')}), 0)
            FROM (%s) m
           GROUP BY 1, 2, 3 HAVING sum(m.delta) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT ("opened_on", "source", "shard") DO UPDATE SET "enquiries" = t."enquiries" + excluded."enquiries",
            "accepted" = t."accepted" + excluded."accepted", "declined" = t."declined" + excluded."declined",
            "referred_elsewhere" = t."referred_elsewhere" + excluded."referred_elsewhere"
        $q$, moved);
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_cases_insert" AFTER INSERT ON "cases" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_cases"()`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_cases_update" AFTER UPDATE ON "cases" REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_cases"()`);

    await queryRunner.query(`CREATE FUNCTION "report_counts_on_case_delete"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT report_counts_maintained() THEN RETURN OLD; END IF;
        IF OLD."intake_stage" IN ('enquiry', 'accepted') THEN
          UPDATE "report_open_case_counts" SET "cases" = "cases" - 1
           WHERE "assigned_solicitor_id" = OLD."assigned_solicitor_id" AND "intake_stage" = OLD."intake_stage"
             AND "pathway_stage" = OLD."pathway_stage" AND "shard" = ${SHARD('OLD."number"')};
        END IF;
        UPDATE "report_daily_enquiry_counts" SET "enquiries" = "enquiries" - 1,
               "accepted" = "accepted" - (${EVER('OLD."id"', 'accepted')})::int,
               "declined" = "declined" - (${EVER('OLD."id"', 'declined')})::int,
               "referred_elsewhere" = "referred_elsewhere" - (${EVER('OLD."id"', 'referred_elsewhere')})::int
         WHERE "opened_on" = ${LONDON_DAY('OLD."created_at"')} AND "source" = OLD."source" AND "shard" = ${SHARD('OLD."number"')};
        RETURN OLD;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_cases_delete" BEFORE DELETE ON "cases" FOR EACH ROW EXECUTE FUNCTION "report_counts_on_case_delete"()`);

    // A (case, decision) pair the statement touched counts +1 if it exists now and did not before, -1 the other way round.
    await queryRunner.query(`CREATE FUNCTION "report_counts_on_stage_changes"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        before_rows constant text := CASE WHEN TG_OP = 'INSERT' THEN '(SELECT * FROM "case_stage_changes" WHERE false)' ELSE 'removed' END;
        after_rows constant text := CASE WHEN TG_OP = 'DELETE' THEN '(SELECT * FROM "case_stage_changes" WHERE false)' ELSE 'added' END;
      BEGIN
        IF NOT report_counts_maintained() THEN RETURN NULL; END IF;
        EXECUTE format($q$
          WITH touched AS (
            SELECT "case_id", "to_stage" FROM %1$s b WHERE b."track" = 'intake' AND b."to_stage" IN ${DECISIONS}
            UNION
            SELECT "case_id", "to_stage" FROM %2$s a WHERE a."track" = 'intake' AND a."to_stage" IN ${DECISIONS}
          ), shifted AS (
            SELECT p."case_id", p."to_stage",
                   (EXISTS (SELECT 1 FROM "case_stage_changes" c WHERE c."case_id" = p."case_id" AND c."track" = 'intake' AND c."to_stage" = p."to_stage"))::int
                 - (EXISTS (SELECT 1 FROM "case_stage_changes" c WHERE c."case_id" = p."case_id" AND c."track" = 'intake' AND c."to_stage" = p."to_stage"
                              AND c."id" NOT IN (SELECT a."id" FROM %2$s a))
                    OR EXISTS (SELECT 1 FROM %1$s b WHERE b."case_id" = p."case_id" AND b."track" = 'intake' AND b."to_stage" = p."to_stage"))::int AS delta
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
            "referred_elsewhere" = t."referred_elsewhere" + excluded."referred_elsewhere"
        $q$, before_rows, after_rows);
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_stage_changes_insert" AFTER INSERT ON "case_stage_changes" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_stage_changes"()`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_stage_changes_update" AFTER UPDATE ON "case_stage_changes" REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_stage_changes"()`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_stage_changes_delete" AFTER DELETE ON "case_stage_changes" REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_stage_changes"()`);

    await queryRunner.query(`CREATE FUNCTION "report_counts_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN
          DELETE FROM "report_open_case_counts";
          DELETE FROM "report_daily_enquiry_counts";
        ELSE
          UPDATE "report_daily_enquiry_counts" SET "accepted" = 0, "declined" = 0, "referred_elsewhere" = 0;
        END IF;
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_cases_truncate" AFTER TRUNCATE ON "cases" FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_truncate"()`);
    await queryRunner.query(`CREATE TRIGGER "report_counts_stage_changes_truncate" AFTER TRUNCATE ON "case_stage_changes" FOR EACH STATEMENT EXECUTE FUNCTION "report_counts_on_truncate"()`);

    // Recounts from scratch, with writers to what it counts held off until it commits.
    await queryRunner.query(`CREATE FUNCTION "report_counts_rebuild"() RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        LOCK TABLE "cases", "case_stage_changes" IN SHARE MODE;
        DELETE FROM "report_open_case_counts";
        DELETE FROM "report_daily_enquiry_counts";
        INSERT INTO "report_open_case_counts" ("assigned_solicitor_id", "intake_stage", "pathway_stage", "shard", "cases")
        SELECT "assigned_solicitor_id", "intake_stage", "pathway_stage", ${SHARD('"number"')}, count(*)
          FROM "cases" WHERE "intake_stage" IN ('enquiry', 'accepted') GROUP BY 1, 2, 3, 4;
        INSERT INTO "report_daily_enquiry_counts" ("opened_on", "source", "shard", "enquiries", "accepted", "declined", "referred_elsewhere")
        SELECT ${LONDON_DAY('m."created_at"')}, m."source", ${SHARD('m."number"')}, count(*),
               count(*) FILTER (WHERE d.accepted), count(*) FILTER (WHERE d.declined), count(*) FILTER (WHERE d.referred_elsewhere)
          FROM "cases" m
          LEFT JOIN (SELECT "case_id", bool_or("to_stage" = 'accepted') AS accepted, bool_or("to_stage" = 'declined') AS declined,
                            bool_or("to_stage" = 'referred_elsewhere') AS referred_elsewhere
                       FROM "case_stage_changes" WHERE "track" = 'intake' AND "to_stage" IN ${DECISIONS} GROUP BY "case_id") d ON d."case_id" = m."id"
         GROUP BY 1, 2, 3;
      END
    $fn$`);
    await queryRunner.query(`SELECT "report_counts_rebuild"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "report_counts_rebuild"()`);
    await queryRunner.query(`DROP TRIGGER "report_counts_stage_changes_truncate" ON "case_stage_changes"`);
    await queryRunner.query(`DROP TRIGGER "report_counts_cases_truncate" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION "report_counts_on_truncate"()`);
    await queryRunner.query(`DROP TRIGGER "report_counts_stage_changes_delete" ON "case_stage_changes"`);
    await queryRunner.query(`DROP TRIGGER "report_counts_stage_changes_update" ON "case_stage_changes"`);
    await queryRunner.query(`DROP TRIGGER "report_counts_stage_changes_insert" ON "case_stage_changes"`);
    await queryRunner.query(`DROP FUNCTION "report_counts_on_stage_changes"()`);
    await queryRunner.query(`DROP TRIGGER "report_counts_cases_delete" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION "report_counts_on_case_delete"()`);
    await queryRunner.query(`DROP TRIGGER "report_counts_cases_update" ON "cases"`);
    await queryRunner.query(`DROP TRIGGER "report_counts_cases_insert" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION "report_counts_on_cases"()`);
    await queryRunner.query(`DROP FUNCTION "report_counts_maintained"()`);
  }
}
