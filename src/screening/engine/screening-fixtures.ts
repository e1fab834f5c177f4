/** Builders for the engine's specs: one healthy, indicated client that each test changes in one place. */
import { AmputationLevel, LOWER_LIMB_LEVELS, Side } from '../../clients/clinical-terms';
import { AmputationFacts, HealthFacts, ScreeningSnapshot } from './screening-snapshot';

export const SCREENING_DATE = '2026-06-01';

export const HEALTHY: HealthFacts = {
  peripheralVascularDisease: 'no',
  diabetes: 'no',
  smokingStatus: 'never',
  limbRadiotherapy: 'no',
  chemotherapy: 'none',
  activeInfection: 'no',
  immunosuppression: 'no',
  osteoporosis: 'no',
  pregnancy: 'no',
  activityLevel: 'K3',
  hotClimate: 'no',
};

/** An amputation at `level` with `complaints` socket complaints (pain, moderate). */
export function amputation(level: AmputationLevel, complaints = 1, side: Side = 'left'): AmputationFacts {
  const limb = (LOWER_LIMB_LEVELS as readonly string[]).includes(level) ? 'lower' : 'upper';
  return { limb, side, level, socketComplaints: Array.from({ length: complaints }, () => ({ type: 'pain' as const, severity: 'moderate' as const })) };
}

export interface SnapshotChanges {
  screeningDate?: string;
  dateOfBirth?: string | null;
  amputations?: AmputationFacts[];
  health?: Partial<HealthFacts>;
}

/** An adult with one left transfemoral amputation, one socket complaint and no risk: screens as `refer`. */
export function snapshotWith(changes: SnapshotChanges = {}): ScreeningSnapshot {
  return {
    screeningDate: changes.screeningDate ?? SCREENING_DATE,
    dateOfBirth: changes.dateOfBirth === undefined ? '1980-05-17' : changes.dateOfBirth,
    amputations: changes.amputations ?? [amputation('transfemoral')],
    health: { ...HEALTHY, ...changes.health },
  };
}
