import { mulberry32 } from '../../scripts/seed/prng';

/**
 * Unique, valid POST /intake bodies: a client with one or two amputations, a few socket complaints,
 * some health facts and the case. Deterministic from the seed, so runs send comparable work.
 */

const FIRST = ['Ann', 'Ben', 'Chloé', 'Dylan', 'Eilidh', 'Femi', 'Gareth', 'Hannah', 'Ifan', 'Jo', 'Kwame', 'Lucy', 'Mohammed', 'Niamh', 'Owen', 'Priya', 'Siân', 'Tomasz'];
const LAST = ['Hale', 'Smith', "O'Brien", 'Jones', 'Patel', 'Nowak', 'Okafor', 'Brontë', 'Da Silva', 'Khan', 'Evans', 'MacLeod', 'Wright', 'Singh', 'Taylor'];
const AREAS = ['RG', 'M', 'LS', 'B', 'CF', 'EH', 'BS', 'NE', 'L', 'G', 'OX', 'SO'];
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';
const LOWER = ['transfemoral', 'knee_disarticulation', 'transtibial', 'hip_disarticulation', 'partial_foot'];
const UPPER = ['transhumeral', 'elbow_disarticulation', 'transradial', 'shoulder_disarticulation'];
const CAUSES = ['trauma', 'vascular', 'infection', 'tumour', 'congenital', 'other'];
const COMPLAINTS = ['excessive_sweating', 'volume_fluctuation', 'short_residuum', 'skin_graft', 'scarring', 'flaps', 'bone_spurs', 'neuroma', 'skin_breakdown', 'pain', 'poor_fit'];
const SEVERITIES = ['mild', 'moderate', 'severe'];
const INCIDENTS = ['road_traffic', 'workplace', 'public_liability', 'clinical_negligence', 'military', 'criminal_injury', 'product_liability', 'other'];
const SOURCES = ['phone', 'email', 'web_form', 'referral', 'charity', 'walk_in', 'other'];
const FUNDING = ['cfa', 'lei', 'private', 'unknown'];
const YNU = ['yes', 'no', 'no', 'no', 'unknown'];
const DEFENDANTS = ['Acme Haulage Ltd', 'Northern Rail Services', 'Brightside Builders', 'County Council', 'Metro Buses plc', null];

/** A float in [0, 1) per call from the seed's mulberry32 stream. */
export function prng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function intakeBodies(seed: number, assignees: { solicitorId: string; paralegalId: string | null }[]): () => string {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const date = (fromYear: number, toYear: number): string => `${int(fromYear, toYear)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  let counter = 0;
  return () => {
    counter += 1;
    const firstName = pick(FIRST);
    const lastName = `${pick(LAST)}${counter % 7 === 0 ? '' : `-${counter.toString(36)}`}`;
    const birthYear = int(1950, 2000);
    const amputations = Array.from({ length: random() < 0.2 ? 2 : 1 }, () => {
      const lower = random() < 0.8;
      return {
        limb: lower ? 'lower' : 'upper',
        side: random() < 0.5 ? 'left' : 'right',
        level: pick(lower ? LOWER : UPPER),
        amputationDate: date(2005, 2023),
        cause: pick(CAUSES),
        residualLimbLengthCm: int(50, 400) / 10,
        dailyWearHours: int(0, 16),
        socketComplaints: Array.from({ length: int(0, 3) }, () => ({ type: pick(COMPLAINTS), severity: pick(SEVERITIES) })),
      };
    });
    const assignee = assignees[counter % assignees.length] ?? assignees[0];
    if (assignee === undefined) throw new Error('no assignees');
    const defendantName = pick(DEFENDANTS);
    return JSON.stringify({
      client: {
        firstName,
        lastName,
        dateOfBirth: `${birthYear}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
        email: `client${counter}.${seed}@example.com`,
        phone: `07700 9${String(int(0, 99999)).padStart(5, '0')}`,
        postcode: `${pick(AREAS)}${int(1, 9)} ${int(1, 9)}${pick([...UNIT])}${pick([...UNIT])}`,
        preferredContact: pick(['phone', 'email', 'post', 'text']),
        healthDataConsent: 'given',
        consentRecordedOn: date(2024, 2025),
      },
      healthProfile: {
        peripheralVascularDisease: pick(YNU),
        diabetes: pick(YNU),
        smokingStatus: pick(['current', 'never', 'never', 'unknown']),
        activityLevel: pick(['K1', 'K2', 'K3', 'K4', 'unknown']),
      },
      amputations,
      case: {
        incidentDate: date(2021, 2025),
        incidentType: pick(INCIDENTS),
        incidentDescription: 'Taken on the phone for the benchmark.',
        ...(defendantName === null ? {} : { defendantName }),
        source: pick(SOURCES),
        funding: pick(FUNDING),
        assignedSolicitorId: assignee.solicitorId,
        assignedParalegalId: assignee.paralegalId,
      },
    });
  };
}
