import { IncidentType, INCIDENT_TYPES } from '../../src/cases/case-terms';
import { IntakeStage, PathwayStage } from '../../src/cases/case-stages';
import {
  ActivityLevel,
  AmputationCause,
  AmputationLevel,
  ChemotherapyStatus,
  Limb,
  Side,
  SmokingStatus,
  SOCKET_COMPLAINT_TYPES,
  YesNoUnknown,
} from '../../src/clients/clinical-terms';
import { foldName } from '../../src/clients/fold-name';
import { PROVIDER_KIND_FOR_TASK, ProviderKind } from '../../src/referrals/referral-terms';
import {
  AmputationFacts,
  evaluateScreening,
  HealthFacts,
  PlannedTask,
  planForOverride,
  planForPostOperative,
  planForScreening,
  RuleSet,
  ScreeningOutcome,
  ScreeningSnapshot,
} from '../../src/screening/engine';
import { addYearsToDay, after, DAY_MS, dayFromIso, dayOf, IntakeCalendar, isoDate, isoInstant } from './calendar';
import { Prng, Weighted } from './prng';
import { StaffMember } from './staff';
import {
  AMPUTATIONS,
  Batch,
  CASE_STAGE_CHANGES,
  CASES,
  CLIENTS,
  HEALTH_PROFILES,
  REFERRAL_TASKS,
  SCREENING_REVIEWS,
  SCREENINGS,
  SOCKET_COMPLAINTS,
} from './tables';
import {
  CANCEL_NOTES,
  COMPLAINT_NOTES,
  DEFENDANTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  INCIDENT_DESCRIPTIONS,
  INSURERS,
  LAST_NAMES,
  LOWER_PROSTHESES,
  OUTCOME_NOTES,
  OVERRIDE_REASONS,
  POSTCODE_AREAS,
  POSTCODE_UNIT_LETTERS,
  STAGE_REASONS,
  UPPER_PROSTHESES,
  VULNERABILITY_NOTES,
} from './vocabulary';

/** What the generator needs from the database it writes to. */
export interface SeedReference {
  /** The `oi-default-1` row: screenings name it; the rules themselves come from the pure engine. */
  ruleSetId: string;
  ruleSet: RuleSet;
  /** Days until a task of each type is due, from referral_task_type_settings. */
  dueInDays: ReadonlyMap<string, number>;
  /** Active providers' ids by kind, in a stable order. */
  providersByKind: ReadonlyMap<ProviderKind, readonly string[]>;
}

export interface CaseGeneratorOptions {
  seed: number;
  cases: number;
  /** Data is dated up to the start of this day (UTC): nothing happens on or after it. */
  asOfDay: number;
  staff: readonly StaffMember[];
  reference: SeedReference;
}

/** A client as later cases and screenings need them. */
interface ClientFacts {
  id: string;
  birthDay: number | null;
  dateOfBirth: string | null;
  amputations: AmputationFacts[];
  health: HealthFacts;
  /** The snapshot's `"amputations":...,"health":...` part, serialised once for all the client's screenings. */
  factsJson: string;
}

interface CaseParties {
  solicitor: string;
  assignee: string;
}

const INCIDENT_TYPE = new Weighted<IncidentType>([
  ['road_traffic', 34],
  ['workplace', 24],
  ['clinical_negligence', 16],
  ['public_liability', 7],
  ['military', 6],
  ['criminal_injury', 4],
  ['product_liability', 5],
  ['other', 4],
]);
const CAUSE_FOR_INCIDENT: Readonly<Record<IncidentType, Weighted<AmputationCause>>> = Object.fromEntries(
  INCIDENT_TYPES.map((type) => [
    type,
    new Weighted<AmputationCause>(
      type === 'clinical_negligence'
        ? [['vascular', 40], ['infection', 35], ['tumour', 10], ['trauma', 10], ['other', 5]]
        : [['trauma', 82], ['infection', 10], ['vascular', 4], ['other', 4]],
    ),
  ]),
) as Record<IncidentType, Weighted<AmputationCause>>;
const SOURCE = new Weighted([['phone', 30], ['web_form', 25], ['referral', 20], ['email', 10], ['charity', 8], ['walk_in', 3], ['other', 4]] as const);
const FUNDING = new Weighted([['cfa', 60], ['lei', 15], ['private', 5], ['unknown', 20]] as const);
const AGE_BAND = new Weighted<[number, number]>([[[10, 17], 4], [[18, 29], 16], [[30, 44], 25], [[45, 59], 27], [[60, 74], 20], [[75, 84], 8]]);
const INCIDENT_LAG = new Weighted<[number, number]>([[[7, 90], 30], [[91, 365], 35], [[366, 900], 25], [[901, 1095], 6], [[1096, 2500], 4]]);
const PREFERRED_CONTACT = new Weighted([['phone', 50], ['email', 25], ['text', 15], ['post', 10]] as const);
const CONSENT = new Weighted([['given', 85], ['not_recorded', 10], ['refused', 3], ['withdrawn', 2]] as const);
const LEVEL: Readonly<Record<Limb, Weighted<AmputationLevel>>> = {
  lower: new Weighted<AmputationLevel>([['transtibial', 40], ['transfemoral', 35], ['partial_foot', 10], ['knee_disarticulation', 7], ['hip_disarticulation', 4], ['ankle_disarticulation', 4]]),
  upper: new Weighted<AmputationLevel>([['transradial', 40], ['transhumeral', 30], ['partial_hand', 10], ['shoulder_disarticulation', 8], ['elbow_disarticulation', 7], ['wrist_disarticulation', 5]]),
};
/** Typical residual-limb lengths in cm, by level; none for the disarticulations and partial levels. */
const RESIDUAL_LENGTH: Partial<Record<AmputationLevel, [number, number]>> = {
  transfemoral: [12, 35],
  transtibial: [8, 20],
  transhumeral: [10, 25],
  transradial: [8, 18],
};
const COMPLAINT_COUNT = new Weighted([[0, 25], [1, 35], [2, 25], [3, 15]] as const);
const SEVERITY = new Weighted([['mild', 30], ['moderate', 45], ['severe', 25]] as const);
const SMOKING = new Weighted<SmokingStatus>([['never', 48], ['former', 28], ['current', 13], ['unknown', 11]]);
const ACTIVITY = new Weighted<ActivityLevel>([['K2', 30], ['K3', 35], ['K1', 12], ['K4', 8], ['K0', 3], ['unknown', 12]]);
const CHEMOTHERAPY = new Weighted<ChemotherapyStatus>([['none', 80], ['past', 3], ['ongoing', 0.5], ['unknown', 16.5]]);
const CHEMOTHERAPY_AFTER_TUMOUR = new Weighted<ChemotherapyStatus>([['past', 50], ['ongoing', 15], ['none', 25], ['unknown', 10]]);
const DECISION = new Weighted<IntakeStage>([['accepted', 62], ['declined', 25], ['referred_elsewhere', 13]]);
const REFERRING: readonly ScreeningOutcome[] = ['refer', 'refer_with_caution'];
const FEMALE_FIRST_NAMES_FROM = 50;
const EARLIEST_BIRTH_DAY = dayFromIso('1940-01-01');
const LATEST_BIRTH_DAY = dayFromIso('2010-12-31');

function yesNoUnknown(prng: Prng, yes: number, unknown: number): YesNoUnknown {
  const roll = prng.next();
  return roll < yes ? 'yes' : roll < yes + unknown ? 'unknown' : 'no';
}

/**
 * Generates one case at a time, with its client (new, or now and then one who came before), the
 * client's records, the case's stage history, a screening and its referral tasks, as rows in a Batch.
 * Everything comes from one seeded stream in case order, so the batch size never changes the data.
 */
export class CaseGenerator {
  private readonly prng: Prng;
  private readonly calendar: IntakeCalendar;
  private readonly solicitors: readonly StaffMember[];
  private readonly paralegals: readonly StaffMember[];
  private readonly horizon: number;
  private readonly firstDay: number;
  private readonly recentClients: ClientFacts[] = [];
  private index = 0;

  constructor(private readonly options: CaseGeneratorOptions) {
    this.prng = new Prng(options.seed, 2);
    this.solicitors = options.staff.filter((member) => member.role === 'solicitor');
    this.paralegals = options.staff.filter((member) => member.role === 'paralegal');
    if (this.solicitors.length === 0) throw new Error('the seed needs at least one solicitor');
    this.horizon = options.asOfDay * DAY_MS;
    this.firstDay = addYearsToDay(options.asOfDay, -5);
    this.calendar = new IntakeCalendar(new Prng(options.seed, 3), this.firstDay, options.asOfDay - 1, options.cases);
  }

  get generated(): number {
    return this.index;
  }

  /** Appends the next case and everything that hangs off it to the batch. */
  next(batch: Batch): void {
    const prng = this.prng;
    const openedAt = this.calendar.openedAt(this.index);
    this.index += 1;
    const openedDay = dayOf(openedAt);
    const solicitor = prng.pick(this.solicitors).id;
    const paralegal = this.paralegals.length > 0 && prng.chance(0.85) ? prng.pick(this.paralegals).id : null;
    const incidentType = INCIDENT_TYPE.draw(prng);
    const [lagMin, lagMax] = INCIDENT_LAG.draw(prng);
    let incidentDay = openedDay - prng.int(lagMin, lagMax);

    const returning = this.recentClients.length > 0 && prng.chance(0.06) ? prng.pick(this.recentClients) : null;
    const client = returning ?? this.newClient(batch, openedAt, solicitor, incidentType, incidentDay);
    if (client.birthDay !== null) incidentDay = Math.max(incidentDay, client.birthDay + 1);
    if (returning === null) {
      this.recentClients.push(client);
      if (this.recentClients.length > 200) this.recentClients.shift();
    }
    this.newCase(batch, { openedAt, solicitor, paralegal, incidentType, incidentDay, client });
  }

  private newClient(batch: Batch, openedAt: number, solicitor: string, incidentType: IncidentType, incidentDay: number): ClientFacts {
    const prng = this.prng;
    const id = prng.uuid();
    const openedDay = dayOf(openedAt);
    const firstIndex = prng.int(0, FIRST_NAMES.length - 1);
    const firstName = FIRST_NAMES[firstIndex] as string;
    const lastName = prng.pick(LAST_NAMES);
    let birthDay: number | null = null;
    if (!prng.chance(0.05)) {
      const [youngest, oldest] = AGE_BAND.draw(prng);
      birthDay = addYearsToDay(openedDay, -prng.int(youngest, oldest)) - prng.int(0, 364);
      // Before the incident, and inside the 1940–2010 window.
      if (birthDay < EARLIEST_BIRTH_DAY) birthDay = EARLIEST_BIRTH_DAY + prng.int(0, 2000);
      if (birthDay > LATEST_BIRTH_DAY) birthDay = LATEST_BIRTH_DAY - prng.int(0, 1500);
      birthDay = Math.min(birthDay, incidentDay - 1);
    }
    const dateOfBirth = birthDay === null ? null : isoDate(birthDay);
    const ageAtOpening = birthDay === null ? 40 : (openedDay - birthDay) / 365.25;
    const lacksCapacity = prng.chance(0.02);
    const vulnerable = lacksCapacity || prng.chance(0.07);
    const consent = CONSENT.draw(prng);
    const created = isoInstant(openedAt);
    const foldedNames = { first: folded(firstName), last: folded(lastName) };
    batch.add(CLIENTS, [
      id,
      firstName,
      lastName,
      foldedNames.first,
      foldedNames.last,
      folded(`${firstName}${lastName}`),
      dateOfBirth,
      prng.chance(0.7) ? `${foldedNames.first}.${foldedNames.last}${prng.int(1, 99)}@${prng.pick(EMAIL_DOMAINS)}` : null,
      prng.chance(0.85) ? `07700 900${String(prng.int(0, 999)).padStart(3, '0')}` : null,
      prng.chance(0.92) ? this.postcode() : null,
      prng.chance(0.9) ? PREFERRED_CONTACT.draw(prng) : null,
      lacksCapacity,
      vulnerable,
      vulnerable && prng.chance(0.7) ? prng.pick(VULNERABILITY_NOTES) : null,
      consent,
      consent === 'not_recorded' ? null : isoDate(openedDay),
      solicitor,
      1,
      created,
      created,
    ]);

    const cause = CAUSE_FOR_INCIDENT[incidentType].draw(prng);
    const amputations: AmputationFacts[] = [];
    const first = this.amputation(batch, id, openedAt, cause, incidentType, incidentDay, null);
    amputations.push(first);
    if (prng.chance(0.18)) amputations.push(this.amputation(batch, id, openedAt, cause, incidentType, incidentDay, first));

    const female = firstIndex >= FEMALE_FIRST_NAMES_FROM;
    const health = this.healthProfile(batch, id, created, cause, female && ageAtOpening >= 18 && ageAtOpening <= 45, birthDay, openedDay);
    return { id, birthDay, dateOfBirth, amputations, health, factsJson: `"amputations":${JSON.stringify(amputations)},"health":${JSON.stringify(health)}` };
  }

  private postcode(): string {
    const prng = this.prng;
    const area = prng.pick(POSTCODE_AREAS);
    const unit = () => POSTCODE_UNIT_LETTERS.charAt(prng.int(0, POSTCODE_UNIT_LETTERS.length - 1));
    return `${area}${prng.int(1, area.length === 1 ? 20 : 29)} ${prng.int(0, 9)}${unit()}${unit()}`;
  }

  private amputation(
    batch: Batch,
    clientId: string,
    openedAt: number,
    cause: AmputationCause,
    incidentType: IncidentType,
    incidentDay: number,
    firstSide: AmputationFacts | null,
  ): AmputationFacts {
    const prng = this.prng;
    const openedDay = dayOf(openedAt);
    let limb: Limb;
    let side: Side;
    if (firstSide === null) {
      limb = prng.chance(0.8) ? 'lower' : 'upper';
      side = prng.chance(0.5) ? 'left' : 'right';
    } else if (prng.chance(0.7)) {
      // Bilateral: the same limb on the other side.
      limb = firstSide.limb;
      side = firstSide.side === 'left' ? 'right' : 'left';
    } else {
      limb = firstSide.limb === 'lower' ? 'upper' : 'lower';
      side = prng.chance(0.5) ? 'left' : 'right';
    }
    const level = LEVEL[limb].draw(prng);
    const delay = incidentType === 'clinical_negligence' ? prng.int(14, 365) : prng.chance(0.6) ? 0 : prng.int(1, 60);
    const amputationDay = Math.min(incidentDay + delay, openedDay - 1);
    const range = RESIDUAL_LENGTH[level];
    const id = prng.uuid();
    const created = isoInstant(openedAt);
    batch.add(AMPUTATIONS, [
      id,
      clientId,
      limb,
      side,
      level,
      prng.chance(0.92) ? isoDate(amputationDay) : null,
      prng.chance(0.95) ? cause : null,
      range !== undefined && prng.chance(0.75) ? prng.decimal1(range[0], range[1]) : null,
      prng.chance(0.8) ? prng.pick(limb === 'lower' ? LOWER_PROSTHESES : UPPER_PROSTHESES) : null,
      prng.chance(0.85) ? prng.decimal1(0, 16) : null,
      1,
      created,
      created,
    ]);
    const socketComplaints = prng.sample(SOCKET_COMPLAINT_TYPES, COMPLAINT_COUNT.draw(prng)).map((type) => {
      const severity = SEVERITY.draw(prng);
      batch.add(SOCKET_COMPLAINTS, [
        prng.uuid(),
        id,
        type,
        severity,
        prng.chance(0.6) ? isoDate(prng.int(Math.min(amputationDay + 30, openedDay - 1), openedDay - 1)) : null,
        prng.chance(0.2) ? prng.pick(COMPLAINT_NOTES) : null,
        1,
        created,
        created,
      ]);
      return { type, severity };
    });
    return { limb, side, level, socketComplaints };
  }

  private healthProfile(
    batch: Batch,
    clientId: string,
    created: string,
    cause: AmputationCause,
    couldBePregnant: boolean,
    birthDay: number | null,
    openedDay: number,
  ): HealthFacts {
    const prng = this.prng;
    const vascular = cause === 'vascular';
    const tumour = cause === 'tumour';
    const smokingStatus = SMOKING.draw(prng);
    const earliestQuit = birthDay === null ? openedDay - 7300 : addYearsToDay(birthDay, 14);
    const quitDay = smokingStatus === 'former' && prng.chance(0.7) && earliestQuit < openedDay - 30 ? prng.int(Math.max(earliestQuit, openedDay - 7300), openedDay - 30) : null;
    const chemotherapy = (tumour ? CHEMOTHERAPY_AFTER_TUMOUR : CHEMOTHERAPY).draw(prng);
    const health: HealthFacts = {
      peripheralVascularDisease: vascular ? yesNoUnknown(prng, 0.7, 0.1) : yesNoUnknown(prng, 0.03, 0.09),
      diabetes: vascular ? yesNoUnknown(prng, 0.55, 0.1) : yesNoUnknown(prng, 0.07, 0.08),
      smokingStatus,
      limbRadiotherapy: tumour ? yesNoUnknown(prng, 0.4, 0.15) : yesNoUnknown(prng, 0.005, 0.15),
      chemotherapy,
      activeInfection: cause === 'infection' ? yesNoUnknown(prng, 0.3, 0.12) : yesNoUnknown(prng, 0.04, 0.12),
      immunosuppression: yesNoUnknown(prng, 0.03, 0.17),
      osteoporosis: yesNoUnknown(prng, 0.06, 0.19),
      pregnancy: couldBePregnant ? yesNoUnknown(prng, 0.03, 0.2) : prng.chance(0.8) ? 'no' : 'unknown',
      activityLevel: ACTIVITY.draw(prng),
      hotClimate: yesNoUnknown(prng, 0.05, 0.15),
    };
    batch.add(HEALTH_PROFILES, [
      clientId,
      health.peripheralVascularDisease,
      health.diabetes,
      health.smokingStatus,
      quitDay === null ? null : isoDate(quitDay),
      health.limbRadiotherapy,
      health.chemotherapy,
      health.activeInfection,
      health.immunosuppression,
      health.osteoporosis,
      health.pregnancy,
      health.activityLevel,
      health.hotClimate,
      1,
      created,
      created,
    ]);
    return health;
  }

  private newCase(
    batch: Batch,
    input: { openedAt: number; solicitor: string; paralegal: string | null; incidentType: IncidentType; incidentDay: number; client: ClientFacts },
  ): void {
    const prng = this.prng;
    const { openedAt, solicitor, paralegal, incidentType, incidentDay, client } = input;
    const id = prng.uuid();
    const openedDay = dayOf(openedAt);
    const knowledgeChance = incidentType === 'clinical_negligence' ? 0.4 : 0.08;
    const knowledgeDay = prng.chance(knowledgeChance) && openedDay - 1 > incidentDay ? prng.int(incidentDay + 1, Math.min(incidentDay + 700, openedDay - 1)) : null;
    const defendant = prng.chance(0.9) ? prng.pick(DEFENDANTS[incidentType] ?? DEFENDANTS.other ?? []) : null;
    const insurer = incidentType === 'clinical_negligence' ? (prng.chance(0.8) ? 'NHS Resolution' : null) : prng.chance(0.6) ? prng.pick(INSURERS) : null;
    let funding: string = FUNDING.draw(prng);
    const source = SOURCE.draw(prng);
    const parties: CaseParties = { solicitor, assignee: paralegal ?? solicitor };
    const changes: { track: 'intake' | 'pathway'; from: string; to: string; reason: string | null; at: number }[] = [];

    // Intake: a decision within weeks, unless it is still pending; later, perhaps, closure.
    let intake: IntakeStage = 'enquiry';
    let decidedAt: number | null = null;
    let closedAt: number | null = null;
    const decisionAt = after(prng, openedAt, 2, 45);
    if (decisionAt < this.horizon && !prng.chance(0.03)) {
      intake = DECISION.draw(prng);
      decidedAt = decisionAt;
      changes.push({ track: 'intake', from: 'enquiry', to: intake, reason: intake === 'accepted' ? null : prng.pick(STAGE_REASONS[intake] ?? []), at: decisionAt });
      const closeAt = intake === 'accepted' ? after(prng, decisionAt, 180, 1200) : after(prng, decisionAt, 7, 120);
      if (prng.chance(intake === 'accepted' ? 0.45 : 0.7) && closeAt < this.horizon) closedAt = closeAt;
    }
    if (intake === 'accepted' && funding === 'unknown') funding = 'cfa';
    const horizon = closedAt ?? this.horizon;

    // The OI pathway runs only for accepted cases, and only until the case closes.
    let pathway: PathwayStage = 'not_screened';
    let pathwayEndedAt: number | null = null;
    let limitationSatisfiedAt: number | null = null;
    const tasks: { planned: PlannedTask; at: number; screeningId: string | null }[] = [];
    if (intake === 'accepted' && decidedAt !== null) {
      const screenedAt = after(prng, decidedAt, 0, 30);
      if (screenedAt < horizon && prng.chance(0.93)) {
        const screeningId = prng.uuid();
        const snapshot: ScreeningSnapshot = {
          screeningDate: isoDate(dayOf(screenedAt)),
          dateOfBirth: client.dateOfBirth,
          amputations: client.amputations,
          health: client.health,
        };
        const result = evaluateScreening(snapshot, this.options.reference.ruleSet);
        // Written as JSON.stringify(snapshot) would write it, reusing the client's serialised facts.
        const snapshotJson = `{"screeningDate":"${snapshot.screeningDate}","dateOfBirth":${client.dateOfBirth === null ? 'null' : `"${client.dateOfBirth}"`},${client.factsJson}}`;
        batch.add(SCREENINGS, [
          screeningId,
          id,
          this.options.reference.ruleSetId,
          result.ruleSetVersion,
          result.outcome,
          JSON.stringify(result.flags),
          snapshotJson,
          solicitor,
          isoInstant(screenedAt),
        ]);
        pathway = 'screened';
        changes.push({ track: 'pathway', from: 'not_screened', to: 'screened', reason: `Screened: ${result.outcome} (${result.ruleSetVersion})`, at: screenedAt });
        for (const planned of planForScreening(result)) tasks.push({ planned, at: screenedAt + 1000, screeningId });

        // A solicitor confirms the advice, or now and then overrides a result that advised against referral.
        const referring = REFERRING.includes(result.outcome);
        const overridden = !referring && prng.chance(0.06);
        const reviewedAt = after(prng, screenedAt, 1, 5);
        let proceeds = referring;
        if (reviewedAt < horizon && (overridden || prng.chance(referring ? 0.85 : 0.6))) {
          batch.add(SCREENING_REVIEWS, [screeningId, overridden ? 'override' : 'accept', overridden ? prng.pick(OVERRIDE_REASONS) : null, solicitor, isoInstant(reviewedAt)]);
          if (overridden) {
            proceeds = true;
            for (const planned of planForOverride()) tasks.push({ planned, at: reviewedAt + 1000, screeningId });
          }
        }

        let at = reviewedAt;
        if (proceeds) {
          const steps: [PathwayStage, number, number][] = [
            ['referred', 7, 40],
            ['assessed', 30, 120],
            ['surgery_scheduled', 20, 90],
            ['post_operative', 30, 180],
            ['completed', 180, 540],
          ];
          for (const [stage, min, max] of steps) {
            const next = after(prng, at, min, max);
            if (next >= horizon || !prng.chance(0.85)) break;
            // Before surgery, the client may still be found not suitable.
            if (pathway !== 'screened' && stage !== 'completed' && stage !== 'post_operative' && prng.chance(0.1)) {
              changes.push({ track: 'pathway', from: pathway, to: 'not_suitable', reason: prng.pick(STAGE_REASONS.not_suitable ?? []), at: next });
              pathway = 'not_suitable';
              pathwayEndedAt = next;
              break;
            }
            changes.push({ track: 'pathway', from: pathway, to: stage, reason: null, at: next });
            pathway = stage;
            at = next;
            if (stage === 'post_operative') {
              for (const planned of planForPostOperative(client.health.activityLevel)) tasks.push({ planned, at: next + 1000, screeningId: null });
            }
            if (stage === 'completed') pathwayEndedAt = next;
          }
        } else {
          const unsuitableAt = after(prng, at, 14, 60);
          if (unsuitableAt < horizon && prng.chance(0.55)) {
            changes.push({ track: 'pathway', from: 'screened', to: 'not_suitable', reason: prng.pick(STAGE_REASONS.not_suitable ?? []), at: unsuitableAt });
            pathway = 'not_suitable';
            pathwayEndedAt = unsuitableAt;
          }
        }
      }
      const issuedAt = after(prng, decidedAt, 60, 500);
      if (issuedAt < horizon && prng.chance(0.35)) limitationSatisfiedAt = issuedAt;
    }
    if (closedAt !== null) changes.push({ track: 'intake', from: intake, to: 'closed', reason: prng.pick(STAGE_REASONS.closed ?? []), at: closedAt });
    const finalIntake: IntakeStage = closedAt === null ? intake : 'closed';

    const opened = isoInstant(openedAt);
    let lastChange = openedAt;
    for (const change of changes) lastChange = Math.max(lastChange, change.at);
    if (limitationSatisfiedAt !== null) lastChange = Math.max(lastChange, limitationSatisfiedAt);
    const foldedDefendant = defendant === null ? null : folded(defendant);
    batch.add(CASES, [
      id,
      client.id,
      isoDate(incidentDay),
      knowledgeDay === null ? null : isoDate(knowledgeDay),
      incidentType,
      prng.chance(0.85) ? prng.pick(INCIDENT_DESCRIPTIONS[incidentType] ?? []) : null,
      defendant,
      insurer,
      foldedDefendant,
      insurer === null ? null : folded(insurer),
      source,
      funding,
      solicitor,
      paralegal,
      finalIntake,
      pathway,
      'clear',
      '[]',
      opened,
      limitationSatisfiedAt === null ? null : isoDate(dayOf(limitationSatisfiedAt)),
      limitationSatisfiedAt === null ? null : 'Proceedings issued.',
      limitationSatisfiedAt === null ? null : solicitor,
      solicitor,
      1,
      opened,
      isoInstant(lastChange),
    ]);
    changes.sort((a, b) => a.at - b.at);
    for (const change of changes) {
      batch.add(CASE_STAGE_CHANGES, [prng.uuid(), id, change.track, change.from, change.to, change.reason, solicitor, isoInstant(change.at)]);
    }
    // Work stops when the case closes or the pathway ends, whichever is first.
    const settledAt = closedAt === null ? pathwayEndedAt : pathwayEndedAt === null ? closedAt : Math.min(closedAt, pathwayEndedAt);
    for (const task of tasks) this.task(batch, { id, opened }, parties, task.planned, task.at, task.screeningId, settledAt);
  }

  private task(batch: Batch, matter: { id: string; opened: string }, parties: CaseParties, planned: PlannedTask, createdAt: number, screeningId: string | null, settledAt: number | null): void {
    const prng = this.prng;
    const dueIn = this.options.reference.dueInDays.get(planned.type) ?? 14;
    const finishedAt = after(prng, createdAt, Math.ceil(dueIn * 0.3), Math.ceil(dueIn * 1.6) + 1);
    let status: 'open' | 'in_progress' | 'done' | 'cancelled';
    let closedAt: number | null = null;
    if (finishedAt < this.horizon && (settledAt === null || finishedAt < settledAt) && (settledAt !== null || !prng.chance(0.05))) {
      status = prng.chance(0.92) ? 'done' : 'cancelled';
      closedAt = finishedAt;
    } else if (settledAt !== null && settledAt < this.horizon) {
      status = prng.chance(0.7) ? 'cancelled' : 'done';
      closedAt = Math.max(settledAt, createdAt + 60_000);
    } else {
      // Still to do; some of it overdue.
      status = this.horizon - createdAt > 2 * DAY_MS && prng.chance(0.45) ? 'in_progress' : 'open';
    }
    const kind = PROVIDER_KIND_FOR_TASK[planned.type];
    const providers = kind === null ? [] : (this.options.reference.providersByKind.get(kind) ?? []);
    const providerId = status !== 'open' && status !== 'cancelled' && providers.length > 0 && prng.chance(0.75) ? prng.pick(providers) : null;
    const outcomeNote = status === 'done' ? prng.pick(OUTCOME_NOTES[planned.type] ?? OUTCOME_NOTES.default ?? []) : status === 'cancelled' ? prng.pick(CANCEL_NOTES) : null;
    const updatedAt = closedAt ?? (status === 'in_progress' ? Math.min(createdAt + prng.int(1, 10) * DAY_MS, this.horizon - 60_000) : createdAt);
    batch.add(REFERRAL_TASKS, [
      prng.uuid(),
      matter.id,
      matter.opened,
      planned.type,
      planned.phase,
      status,
      parties.assignee,
      isoDate(dayOf(createdAt) + dueIn),
      providerId,
      planned.note,
      outcomeNote,
      screeningId,
      parties.solicitor,
      closedAt === null ? null : isoInstant(closedAt),
      1,
      isoInstant(createdAt),
      isoInstant(Math.max(updatedAt, createdAt)),
    ]);
  }
}

const FOLDED = new Map<string, string>();

/** foldName, remembered: the generator folds the same few hundred names millions of times. */
function folded(name: string): string {
  let value = FOLDED.get(name);
  if (value === undefined) {
    value = foldName(name);
    FOLDED.set(name, value);
  }
  return value;
}
