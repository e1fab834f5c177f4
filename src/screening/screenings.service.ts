import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { isIntakeOpen } from '../cases/case-stages';
import { CaseViewer } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { AmputationsService } from '../clients/amputations.service';
import { ClientsService } from '../clients/clients.service';
import { todayInLondon } from '../common/time/calendar-date';
import { TransactionRunner } from '../database/transaction-runner';
import { ReferralTaskPlanner } from '../referrals/referral-task-planner';
import { toReferralTaskResponse } from '../referrals/referral.mapper';
import { MIN_OVERRIDE_REASON_LENGTH, ReviewInputDto, ReviewResponseDto, ScreeningResponseDto, ScreeningRunResponseDto } from './dto/screening.dto';
import { evaluateScreening, planForOverride, planForScreening, ScreeningOutcome } from './engine';
import { RuleSetsRepository } from './rule-sets.repository';
import { buildScreeningSnapshot } from './screening-snapshot.builder';
import { ScreeningErrors } from './screening.errors';
import { toReviewResponse, toScreeningResponse } from './screening.mapper';
import { ScreeningsRepository } from './screenings.repository';

// Advice against referral: overriding it means the solicitor asks the surgeons after all.
const NOT_REFERRING: readonly ScreeningOutcome[] = ['contraindicated', 'needs_information', 'not_indicated'];

/** Runs the active rule set on a case's client, keeps the result for good, and turns it into referral tasks. */
@Injectable()
export class ScreeningsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CasesService,
    private readonly clients: ClientsService,
    private readonly amputations: AmputationsService,
    private readonly ruleSets: RuleSetsRepository,
    private readonly screenings: ScreeningsRepository,
    private readonly planner: ReferralTaskPlanner,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  private async auditRead(actor: CaseViewer, caseId: string): Promise<void> {
    const matter = await this.cases.assertVisible(actor, caseId);
    await this.audit.recordNow(
      { actorId: actor.id, action: 'read', entityType: 'case', entityId: caseId },
      // Snapshots hold the client's date of birth and health facts.
      { actorId: actor.id, action: 'read', entityType: 'client', entityId: matter.clientId },
      { actorId: actor.id, action: 'read', entityType: 'health_profile', entityId: matter.clientId },
    );
  }

  /** One transaction: the result, the pathway move and the tasks are written together or not at all. */
  async run(actor: CaseViewer, caseId: string, idempotency: IdempotencyScope): Promise<IdempotentResult<ScreeningRunResponseDto>> {
    const answer = await this.idempotency.run(idempotency, async (transaction) => {
      // The lock makes screenings and reviews of one case take turns, so each reads the one before.
      const matter = await this.cases.lockVisible(actor, caseId, transaction);
      if (!isIntakeOpen(matter.intakeStage)) throw ScreeningErrors.caseNotOpen();
      const ruleSet = await this.ruleSets.findActive(transaction);
      if (ruleSet === null) throw ScreeningErrors.noActiveRuleSet();
      const client = await this.clients.getById(matter.clientId, transaction);
      const { healthProfile } = await this.clients.getDossier(matter.clientId, transaction);
      const amputations = await this.amputations.listForClient(matter.clientId, transaction);
      const snapshot = buildScreeningSnapshot(todayInLondon(), client.dateOfBirth, amputations, healthProfile);
      const result = evaluateScreening(snapshot, { version: ruleSet.version, severities: ruleSet.severities });
      const screening = await this.screenings.insert(transaction, {
        caseId,
        ruleSetId: ruleSet.id,
        ruleSetVersion: ruleSet.version,
        outcome: result.outcome,
        flags: result.flags,
        snapshot,
        ranById: actor.id,
      });
      await this.audit.record(transaction, { actorId: actor.id, action: 'screening', entityType: 'screening', entityId: screening.id, changedFields: ['outcome', 'flags', 'snapshot'] });
      const moved = await this.cases.markScreened(transaction, actor.id, matter, `Screened: ${result.outcome} (${ruleSet.version})`);
      const tasks = await this.planner.createPlanned(transaction, moved, planForScreening(result), { screeningId: screening.id, createdById: actor.id });
      const today = todayInLondon();
      return { status: 201, body: { ...toScreeningResponse(screening, null), referralTasks: tasks.map((task) => toReferralTaskResponse(task, today)) } };
    });
    // A retry answered from the stored result hands its snapshot (date of birth, health facts) out again.
    if (answer.replayed) await this.auditRead(actor, caseId);
    return answer;
  }

  /** Results carry the health facts they were run on: reading them is audited as a read of the health profile. */
  async list(actor: CaseViewer, caseId: string): Promise<ScreeningResponseDto[]> {
    await this.auditRead(actor, caseId);
    const screenings = await this.screenings.listForCase(caseId);
    const reviews = new Map((await this.screenings.listReviews(screenings.map((screening) => screening.id))).map((review) => [review.screeningId, review]));
    return screenings.map((screening) => toScreeningResponse(screening, reviews.get(screening.id) ?? null));
  }

  async get(actor: CaseViewer, caseId: string, screeningId: string): Promise<ScreeningResponseDto> {
    await this.auditRead(actor, caseId);
    const screening = await this.screenings.findForCase(caseId, screeningId);
    if (screening === null) throw ScreeningErrors.screeningNotFound();
    return toScreeningResponse(screening, await this.screenings.findReview(screening.id));
  }

  /** A solicitor confirms or overrides the latest screening's advice, once; the decision, who and why are kept. */
  review(actor: CaseViewer, caseId: string, screeningId: string, input: ReviewInputDto): Promise<ReviewResponseDto> {
    if (input.decision === 'override' && (input.reason === undefined || input.reason.length < MIN_OVERRIDE_REASON_LENGTH)) {
      throw ScreeningErrors.overrideReasonRequired();
    }
    return this.transactions.run(async (transaction) => {
      const matter = await this.cases.lockVisible(actor, caseId, transaction);
      // A closed case takes no new referral work, and an override would create some.
      if (!isIntakeOpen(matter.intakeStage)) throw ScreeningErrors.caseNotOpen();
      const screening = await this.screenings.findForCase(caseId, screeningId, transaction);
      if (screening === null) throw ScreeningErrors.screeningNotFound();
      if ((await this.screenings.findReview(screeningId, transaction)) !== null) throw ScreeningErrors.alreadyReviewed();
      if ((await this.screenings.latestForCase(caseId, transaction))?.id !== screeningId) throw ScreeningErrors.superseded();
      const review = await this.screenings.insertReview(transaction, {
        screeningId,
        decision: input.decision,
        reason: input.reason ?? null,
        reviewedById: actor.id,
      });
      await this.audit.record(transaction, {
        actorId: actor.id,
        action: input.decision === 'override' ? 'override' : 'review',
        entityType: 'screening',
        entityId: screeningId,
        changedFields: input.reason === undefined ? ['decision'] : ['decision', 'reason'],
      });
      const overridesAdvice = input.decision === 'override' && NOT_REFERRING.includes(screening.outcome);
      const tasks = overridesAdvice
        ? await this.planner.createPlanned(transaction, matter, planForOverride(), { screeningId, createdById: actor.id })
        : [];
      const today = todayInLondon();
      return { screeningId, ...toReviewResponse(review), referralTasks: tasks.map((task) => toReferralTaskResponse(task, today)) };
    });
  }
}
