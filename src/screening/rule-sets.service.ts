import { Injectable } from '@nestjs/common';
import { AuditService, sentFields } from '../audit/audit.service';
import { CaseViewer } from '../cases/cases.repository';
import { TransactionRunner } from '../database/transaction-runner';
import { CreateRuleSetDto, RuleSetResponseDto } from './dto/rule-set.dto';
import { validateRuleSetSeverities } from './engine';
import { RuleSetsRepository } from './rule-sets.repository';
import { ScreeningErrors } from './screening.errors';
import { toRuleSetResponse } from './screening.mapper';

/** Versions of the screening rules: created whole, never edited, one active at a time. */
@Injectable()
export class RuleSetsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ruleSets: RuleSetsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<RuleSetResponseDto[]> {
    return (await this.ruleSets.list()).map(toRuleSetResponse);
  }

  async get(id: string): Promise<RuleSetResponseDto> {
    const ruleSet = await this.ruleSets.findById(id);
    if (ruleSet === null) throw ScreeningErrors.ruleSetNotFound();
    return toRuleSetResponse(ruleSet);
  }

  /** A new version starts inactive, so an admin can read it back before it changes any result. */
  async create(actor: CaseViewer, input: CreateRuleSetDto): Promise<RuleSetResponseDto> {
    const problems = validateRuleSetSeverities(input.severities);
    if (problems.length > 0) throw ScreeningErrors.invalidSeverities(problems);
    const created = await this.transactions.run(async (transaction) => {
      const row = await this.ruleSets.insert(transaction, { version: input.version, description: input.description ?? null, severities: input.severities, createdById: actor.id });
      if (row !== null) await this.audit.record(transaction, { actorId: actor.id, action: 'create', entityType: 'screening_rule_set', entityId: row.id, changedFields: sentFields(input) });
      return row;
    });
    if (created === null) throw ScreeningErrors.ruleSetVersionTaken();
    return toRuleSetResponse(created);
  }

  async activate(actor: CaseViewer, id: string): Promise<RuleSetResponseDto> {
    const activated = await this.transactions.run(async (transaction) => {
      const row = await this.ruleSets.activate(transaction, id);
      if (row !== null) await this.audit.record(transaction, { actorId: actor.id, action: 'update', entityType: 'screening_rule_set', entityId: id, changedFields: ['active'] });
      return row;
    });
    if (activated === null) throw ScreeningErrors.ruleSetNotFound();
    return toRuleSetResponse(activated);
  }
}
