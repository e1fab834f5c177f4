import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Case } from '../cases/case.entity';
import { CaseViewer } from '../cases/cases.repository';
import { LimitationBasis } from '../cases/limitation';

/**
 * computeLimitation (src/cases/limitation.ts) in SQL, so the database can filter and sort a firm's cases
 * by it. PostgreSQL's `date + interval 'n years'` turns 29 February into 28 February, as addYears does;
 * GREATEST ignores a NULL date of knowledge. test/limitation.api-spec.ts proves the two agree.
 */
const PLUS = (column: string, years: number) => `(${column} + interval '${years} years')::date`;
const MINOR = `(client.date_of_birth IS NOT NULL AND matter.incident_date < ${PLUS('client.date_of_birth', 18)})`;
const LIMITATION_DATE = `(CASE WHEN ${MINOR} THEN GREATEST(${PLUS('client.date_of_birth', 21)}, ${PLUS('matter.date_of_knowledge', 3)})
  ELSE GREATEST(${PLUS('matter.incident_date', 3)}, ${PLUS('matter.date_of_knowledge', 3)}) END)`;
const LIMITATION_BASIS = `(CASE WHEN client.date_of_birth IS NULL THEN 'unknown'
  WHEN matter.date_of_knowledge IS NOT NULL AND ${PLUS('matter.date_of_knowledge', 3)} > (CASE WHEN ${MINOR} THEN ${PLUS('client.date_of_birth', 21)} ELSE ${PLUS('matter.incident_date', 3)} END) THEN 'date_of_knowledge'
  WHEN ${MINOR} THEN 'minority' ELSE 'incident' END)`;

export interface LimitationRow {
  caseId: string;
  caseNumber: string;
  caseCreatedAt: Date;
  clientId: string;
  clientNumber: string;
  clientCreatedAt: Date;
  firstName: string;
  lastName: string;
  assignedSolicitorId: string;
  intakeStage: string;
  limitationDate: string;
  limitationBasis: LimitationBasis;
}

/** Open cases whose proceedings are not yet issued and whose limitation date is near, past or uncertain. */
@Injectable()
export class LimitationReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(viewer: CaseViewer, filter: { horizon: string; after?: { date: string; number: string }; limit: number }): Promise<LimitationRow[]> {
    const query = this.dataSource
      .getRepository(Case)
      .createQueryBuilder('matter')
      .innerJoin('matter.client', 'client')
      .select('matter.id', 'caseId')
      .addSelect('matter.number', 'caseNumber')
      .addSelect('matter.created_at', 'caseCreatedAt')
      .addSelect('client.id', 'clientId')
      .addSelect('client.number', 'clientNumber')
      .addSelect('client.created_at', 'clientCreatedAt')
      .addSelect('client.first_name', 'firstName')
      .addSelect('client.last_name', 'lastName')
      .addSelect('matter.assigned_solicitor_id', 'assignedSolicitorId')
      .addSelect('matter.intake_stage', 'intakeStage')
      .addSelect(`to_char(${LIMITATION_DATE}, 'YYYY-MM-DD')`, 'limitationDate')
      .addSelect(LIMITATION_BASIS, 'limitationBasis')
      .where(`matter.intake_stage IN ('enquiry', 'accepted')`)
      .andWhere('matter.limitation_satisfied_on IS NULL')
      .andWhere('client.lacks_capacity = false')
      .andWhere(`(${LIMITATION_DATE} <= :horizon OR client.date_of_birth IS NULL)`, { horizon: filter.horizon })
      .orderBy(LIMITATION_DATE, 'ASC')
      .addOrderBy('matter.number', 'ASC')
      .limit(filter.limit + 1);
    if (viewer.role !== 'admin') query.andWhere('matter.assigned_solicitor_id = :viewerId', { viewerId: viewer.id });
    if (filter.after !== undefined) {
      query.andWhere(`(${LIMITATION_DATE} > :afterDate OR (${LIMITATION_DATE} = :afterDate AND matter.number > :afterNumber))`, {
        afterDate: filter.after.date,
        afterNumber: filter.after.number,
      });
    }
    return query.getRawMany<LimitationRow>();
  }
}
