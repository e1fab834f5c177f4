import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { AuditService, sentFields } from '../audit/audit.service';
import { AmputationsService } from '../clients/amputations.service';
import { Client } from '../clients/client.entity';
import { ClientsService } from '../clients/clients.service';
import { definedOnly, unwrap } from '../common/concurrency/versioned-changes';
import { decodeSequenceCursor, encodeCursor } from '../common/pagination/cursor';
import { Page } from '../common/pagination/page.dto';
import { Transaction, TransactionRunner } from '../database/transaction-runner';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { UsersRepository } from '../users/users.repository';
import { ConflictSubject } from '../conflicts/conflict-rules';
import { ConflictsService } from '../conflicts/conflicts.service';
import { foldName } from '../clients/fold-name';
import { ReferralTaskPlanner } from '../referrals/referral-task-planner';
import { planForPostOperative } from '../screening/engine';
import { checkTransition, Stage, StageTrack } from './case-stages';
import { Case } from './case.entity';
import { toCaseDetail, toCaseListItem, toCaseResponse } from './case.mapper';
import { CasesErrors } from './cases.errors';
import { CaseChanges, CasesRepository, CaseViewer } from './cases.repository';
import { CaseDetailDto, CaseListItemDto, CaseResponseDto, CreateCaseDto, IntakeCaseDto, ConflictOverrideDto, LimitationSatisfiedDto, ListCasesQueryDto, TransitionDto, UpdateCaseDto } from './dto/case.dto';

// Moving a case to one of these closes a door on the client: the file must say why.
const STAGES_NEEDING_A_REASON: readonly Stage[] = ['declined', 'referred_elsewhere', 'not_suitable'];

/** Cases: who may see and change them, their details, and their moves through the stage graphs. */
@Injectable()
export class CasesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CasesRepository,
    private readonly clients: ClientsService,
    private readonly amputations: AmputationsService,
    private readonly users: UsersRepository,
    private readonly idempotency: IdempotencyService,
    private readonly planner: ReferralTaskPlanner,
    private readonly conflicts: ConflictsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the case against its client, its assignees and the firm's records (conflicts), then writes it in the caller's transaction.
   * `clientIsNew`: the client was inserted by this same transaction, so no one else can see it yet, let alone erase it.
   */
  async createInTransaction(transaction: Transaction, creatorId: string, client: Client, input: IntakeCaseDto, options: { fieldPrefix?: string; clientIsNew?: boolean } = {}): Promise<Case> {
    const fieldPrefix = options.fieldPrefix ?? '';
    if (options.clientIsNew !== true) {
      // Locks the client row too: an erasure running at the same time either finishes first (and this is refused) or waits.
      await this.clients.assertWritable(transaction, client.id).catch((error: unknown) => {
        throw error instanceof DomainError && error.code === 'CLIENT_ERASED' ? CasesErrors.clientErased() : error;
      });
    }
    assertDatesFit(client.dateOfBirth, input.incidentDate, input.dateOfKnowledge ?? null, fieldPrefix);
    await this.assertAssignees(input.assignedSolicitorId, input.assignedParalegalId ?? null, fieldPrefix, transaction);
    const parties = { defendantName: input.defendantName ?? null, insurerName: input.insurerName ?? null };
    const conflict = await this.conflicts.assess(transaction, conflictSubject(client, parties));
    const created = await this.cases.insert(transaction, {
      clientId: client.id,
      incidentDate: input.incidentDate,
      dateOfKnowledge: input.dateOfKnowledge ?? null,
      incidentType: input.incidentType,
      incidentDescription: input.incidentDescription ?? null,
      ...parties,
      ...foldedParties(parties),
      ...conflict,
      source: input.source,
      funding: input.funding,
      assignedSolicitorId: input.assignedSolicitorId,
      assignedParalegalId: input.assignedParalegalId ?? null,
      createdById: creatorId,
    });
    await this.audit.record(transaction, { actorId: creatorId, action: 'create', entityType: 'case', entityId: created.id, changedFields: sentFields(input) });
    return created;
  }

  async create(actor: CaseViewer, input: CreateCaseDto, idempotency: IdempotencyScope): Promise<IdempotentResult<CaseDetailDto>> {
    const result = await this.idempotency.run(idempotency, async (transaction) => {
      const client = await this.clients.requireVisible(actor, input.clientId, transaction);
      const created = await this.createInTransaction(transaction, actor.id, client, input);
      return { status: 201, body: await this.detail(created, transaction) };
    });
    if (result.replayed) await this.answerReplay(actor, result.body);
    return result;
  }

  /** The case with its client, amputations, complaints and health profile. */
  async detail(row: Case, transaction?: Transaction): Promise<CaseDetailDto> {
    const { client, healthProfile } = await this.clients.getDossier(row.clientId, transaction);
    const amputations = await this.amputations.listForClient(row.clientId, transaction);
    return toCaseDetail(row, { client, amputations, healthProfile });
  }

  /** Reading a case shows its client and health profile: all three reads are audited. */
  async get(actor: CaseViewer, id: string): Promise<CaseDetailDto> {
    const row = await this.requireVisible(actor, id);
    const detail = await this.detail(row);
    await this.auditDetailRead(actor.id, detail);
    return detail;
  }

  /**
   * A retry answered from a stored detail hands it out again: only to someone who may still see the
   * case (it may have been reassigned since), and audited as the read it is.
   */
  async answerReplay(actor: CaseViewer, detail: { id: string; clientId: string }): Promise<void> {
    await this.requireVisible(actor, detail.id);
    await this.auditDetailRead(actor.id, detail);
  }

  /**
   * A case's detail shows its client and health profile: three reads. Also recorded when an
   * idempotent retry is answered with a stored detail, which hands the same data out again.
   */
  auditDetailRead(actorId: string, detail: { id: string; clientId: string }): Promise<void> {
    return this.audit.recordNow(
      { actorId, action: 'read', entityType: 'case', entityId: detail.id },
      { actorId, action: 'read', entityType: 'client', entityId: detail.clientId },
      { actorId, action: 'read', entityType: 'health_profile', entityId: detail.clientId },
    );
  }

  async update(actor: CaseViewer, id: string, expectedVersion: number, input: UpdateCaseDto): Promise<CaseResponseDto> {
    const current = await this.requireVisible(actor, id);
    if (input.assignedSolicitorId !== undefined && input.assignedSolicitorId !== current.assignedSolicitorId && actor.role !== 'admin') {
      throw CasesErrors.reassignmentNotAllowed();
    }
    const client = await this.clients.getById(current.clientId);
    assertDatesFit(
      client.dateOfBirth,
      input.incidentDate ?? current.incidentDate,
      input.dateOfKnowledge === undefined ? current.dateOfKnowledge : input.dateOfKnowledge,
      '',
    );
    await this.assertAssignees(input.assignedSolicitorId, input.assignedParalegalId, '');
    const updated = await this.transactions.run(async (transaction) => {
      await this.clients.assertWritable(transaction, current.clientId);
      const changes: CaseChanges = definedOnly({ ...input });
      const changedFields = sentFields(input);
      if (input.defendantName !== undefined || input.insurerName !== undefined) {
        // A new party is checked against the firm before it is written.
        const parties = {
          defendantName: input.defendantName === undefined ? current.defendantName : input.defendantName,
          insurerName: input.insurerName === undefined ? current.insurerName : input.insurerName,
        };
        const previous = { status: current.conflictStatus, matches: current.conflictMatches };
        Object.assign(changes, foldedParties(parties), await this.conflicts.assess(transaction, conflictSubject(client, parties), previous));
        changedFields.push('conflictStatus', 'conflictMatches');
      }
      return this.audit.recordIfWritten(transaction, await this.cases.updateIfVersion(transaction, id, expectedVersion, changes), {
        actorId: actor.id,
        action: 'update',
        entityType: 'case',
        entityId: id,
        changedFields,
      });
    });
    return toCaseResponse(unwrap(updated, CasesErrors.caseNotFound), client);
  }

  async list(actor: CaseViewer, query: ListCasesQueryDto): Promise<Page<CaseListItemDto>> {
    const beforeNumber = query.cursor === undefined ? undefined : decodeSequenceCursor(query.cursor);
    const rows = await this.cases.list(actor, { ...query, beforeNumber, limit: query.limit });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    // A list shows each case and its client by name: each is a read, audited like opening it.
    await this.audit.recordNow(
      ...items.flatMap((row) => [
        { actorId: actor.id, action: 'read' as const, entityType: 'case' as const, entityId: row.id },
        { actorId: actor.id, action: 'read' as const, entityType: 'client' as const, entityId: row.clientId },
      ]),
    );
    return { items: items.map(toCaseListItem), nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.number]) : null };
  }

  /** Moves the intake stage or the OI pathway, whichever graph `to` belongs to, and records who and why. */
  async transition(actor: CaseViewer, id: string, input: TransitionDto): Promise<CaseResponseDto> {
    if (input.to === 'accepted') {
      // Accepting takes the client on: check against the firm as it is now, and keep the result either way.
      await this.requireVisible(actor, id);
      await this.transactions.run((transaction) => this.conflicts.recheckCase(transaction, id, actor.id));
    }
    const current = await this.requireVisible(actor, id);
    if (input.to === 'accepted' && current.conflictStatus === 'potential') throw CasesErrors.conflictUnresolved();
    const check = checkTransition({ intake: current.intakeStage, pathway: current.pathwayStage }, input.to);
    if (!check.allowed) throw CasesErrors.invalidStageTransition(check.from, input.to, check.allowedNext);
    if (STAGES_NEEDING_A_REASON.includes(input.to) && input.reason === undefined) throw CasesErrors.reasonRequired(input.to);
    const moved = await this.transactions.run(async (transaction) => {
      const row = await this.moveInTransaction(transaction, actor.id, id, check.track, check.from, input.to, input.reason ?? null);
      if (row !== null && input.to === 'post_operative') {
        const { healthProfile } = await this.clients.getDossier(row.clientId, transaction);
        await this.planner.createPlanned(transaction, row, planForPostOperative(healthProfile.activityLevel), { screeningId: null, createdById: actor.id });
      }
      return row;
    });
    if (moved === null) {
      // Someone else moved the case first, or (accepting) a potential conflict appeared: answer against where it is now.
      const now = await this.requireVisible(actor, id);
      if (input.to === 'accepted' && now.conflictStatus === 'potential' && now.intakeStage === 'enquiry') throw CasesErrors.conflictUnresolved();
      const recheck = checkTransition({ intake: now.intakeStage, pathway: now.pathwayStage }, input.to);
      throw CasesErrors.invalidStageTransition(recheck.from, input.to, recheck.allowed ? [input.to] : recheck.allowedNext);
    }
    return toCaseResponse(moved, await this.clients.getById(moved.clientId));
  }

  /** Runs the conflict check again, e.g. after another client was taken on. */
  async checkConflicts(actor: CaseViewer, id: string): Promise<CaseResponseDto> {
    await this.requireVisible(actor, id);
    await this.transactions.run((transaction) => this.conflicts.recheckCase(transaction, id, actor.id));
    const row = await this.requireVisible(actor, id);
    return toCaseResponse(row, await this.clients.getById(row.clientId));
  }

  /** A solicitor's decision that a potential conflict is not one; who, when and why are kept. */
  async overrideConflict(actor: CaseViewer, id: string, input: ConflictOverrideDto): Promise<CaseResponseDto> {
    const updated = await this.transactions.run(async (transaction) => {
      const current = await this.lockVisible(actor, id, transaction);
      await this.clients.assertWritable(transaction, current.clientId);
      if (current.conflictStatus !== 'potential') throw CasesErrors.noConflictToOverride(current.conflictStatus);
      const changes = { conflictStatus: 'overridden' as const, conflictOverrideReason: input.reason, conflictOverriddenById: actor.id, conflictOverriddenAt: new Date() };
      return this.audit.recordIfWritten(transaction, await this.cases.updateIfVersion(transaction, id, current.version, changes), {
        actorId: actor.id,
        action: 'override',
        entityType: 'case',
        entityId: id,
        changedFields: Object.keys(changes),
      });
    });
    const row = unwrap(updated, CasesErrors.caseNotFound);
    return toCaseResponse(row, await this.clients.getById(row.clientId));
  }

  /** Records that proceedings were issued, once: from then on the limitation date raises no alert. */
  async markLimitationSatisfied(actor: CaseViewer, id: string, input: LimitationSatisfiedDto): Promise<CaseResponseDto> {
    const updated = await this.transactions.run(async (transaction) => {
      // Locked, so the version read here is the one written against.
      const current = await this.lockVisible(actor, id, transaction);
      await this.clients.assertWritable(transaction, current.clientId);
      if (current.limitationSatisfiedOn !== null) throw CasesErrors.limitationAlreadySatisfied();
      if (input.on < current.incidentDate) throw CasesErrors.issuedBeforeIncident();
      const changes = { limitationSatisfiedOn: input.on, limitationSatisfiedNote: input.note ?? null, limitationSatisfiedById: actor.id };
      return this.audit.recordIfWritten(transaction, await this.cases.updateIfVersion(transaction, id, current.version, changes), {
        actorId: actor.id,
        action: 'update',
        entityType: 'case',
        entityId: id,
        changedFields: Object.keys(changes),
      });
    });
    const row = unwrap(updated, CasesErrors.caseNotFound);
    return toCaseResponse(row, await this.clients.getById(row.clientId));
  }

  /** The case when the actor may see it, for code that shows part of it (its screenings). */
  async assertVisible(actor: CaseViewer, id: string): Promise<Case> {
    return this.requireVisible(actor, id);
  }

  /** The case, locked for the caller's transaction, when the actor may see it. */
  async lockVisible(actor: CaseViewer, id: string, transaction: Transaction): Promise<Case> {
    const row = await this.cases.lockVisible(actor, id, transaction);
    if (row === null) throw CasesErrors.caseNotFound();
    return row;
  }

  /** A screening's first result moves the pathway from not_screened to screened, in the screening's transaction. */
  async markScreened(transaction: Transaction, actorId: string, row: Case, reason: string): Promise<Case> {
    if (row.pathwayStage !== 'not_screened') return row;
    return (await this.moveInTransaction(transaction, actorId, row.id, 'pathway', 'not_screened', 'screened', reason)) ?? row;
  }

  /** Moves one track if the case is still at `from` and records the change; null when it had moved on. */
  private async moveInTransaction(
    transaction: Transaction,
    actorId: string,
    id: string,
    track: StageTrack,
    from: Stage,
    to: Stage,
    reason: string | null,
  ): Promise<Case | null> {
    const row = await this.cases.moveStage(transaction, id, track, from, to);
    if (row === null) return null;
    await this.cases.recordStageChange(transaction, { caseId: id, track, fromStage: from, toStage: to, reason, changedById: actorId });
    await this.audit.record(transaction, {
      actorId,
      action: 'transition',
      entityType: 'case',
      entityId: id,
      changedFields: [track === 'intake' ? 'intakeStage' : 'pathwayStage', ...(reason === null ? [] : ['stageReason'])],
    });
    return row;
  }

  private async requireVisible(actor: CaseViewer, id: string): Promise<Case> {
    const row = await this.cases.findVisible(actor, id);
    if (row === null) throw CasesErrors.caseNotFound();
    return row;
  }

  private async assertAssignees(
    solicitorId: string | undefined,
    paralegalId: string | null | undefined,
    fieldPrefix: string,
    transaction?: Transaction,
  ): Promise<void> {
    if (solicitorId !== undefined) {
      const solicitor = await this.users.findById(solicitorId, transaction);
      if (solicitor === null || !solicitor.active || solicitor.role !== 'solicitor') {
        throw CasesErrors.invalidAssignee(`${fieldPrefix}assignedSolicitorId`, 'solicitor');
      }
    }
    if (paralegalId !== undefined && paralegalId !== null) {
      const paralegal = await this.users.findById(paralegalId, transaction);
      if (paralegal === null || !paralegal.active || paralegal.role !== 'paralegal') {
        throw CasesErrors.invalidAssignee(`${fieldPrefix}assignedParalegalId`, 'paralegal');
      }
    }
  }
}

function assertDatesFit(dateOfBirth: string | null, incidentDate: string, dateOfKnowledge: string | null, fieldPrefix: string): void {
  if (dateOfBirth !== null && incidentDate < dateOfBirth) throw CasesErrors.incidentBeforeBirth(`${fieldPrefix}incidentDate`);
  if (dateOfKnowledge !== null && dateOfKnowledge < incidentDate) throw CasesErrors.knowledgeBeforeIncident(`${fieldPrefix}dateOfKnowledge`);
}

type Parties = { defendantName: string | null; insurerName: string | null };

function conflictSubject(client: Client, parties: Parties): ConflictSubject {
  return { clientId: client.id, firstName: client.firstName, lastName: client.lastName, dateOfBirth: client.dateOfBirth, postcode: client.postcode, ...parties };
}

function foldedParties(parties: Parties): { foldedDefendantName: string | null; foldedInsurerName: string | null } {
  return {
    foldedDefendantName: parties.defendantName === null ? null : foldName(parties.defendantName),
    foldedInsurerName: parties.insurerName === null ? null : foldName(parties.insurerName),
  };
}
