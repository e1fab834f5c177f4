import {
  ActivityLevel,
  AmputationLevel,
  ChemotherapyStatus,
  Limb,
  Severity,
  Side,
  SmokingStatus,
  SocketComplaintType,
  YesNoUnknown,
} from '../../clients/clinical-terms';
import { CalendarDate } from '../../common/time/calendar-date';

/**
 * The plain facts a screening reads: a copy of the client's record at the moment of screening,
 * stored with the result so an old result can always be explained.
 */
export interface ScreeningSnapshot {
  screeningDate: CalendarDate;
  dateOfBirth: CalendarDate | null;
  amputations: readonly AmputationFacts[];
  health: HealthFacts;
}

export interface AmputationFacts {
  limb: Limb;
  side: Side;
  level: AmputationLevel;
  socketComplaints: readonly SocketComplaintFacts[];
}

export interface SocketComplaintFacts {
  type: SocketComplaintType;
  severity: Severity;
}

export interface HealthFacts {
  peripheralVascularDisease: YesNoUnknown;
  diabetes: YesNoUnknown;
  smokingStatus: SmokingStatus;
  limbRadiotherapy: YesNoUnknown;
  chemotherapy: ChemotherapyStatus;
  activeInfection: YesNoUnknown;
  immunosuppression: YesNoUnknown;
  osteoporosis: YesNoUnknown;
  pregnancy: YesNoUnknown;
  activityLevel: ActivityLevel;
  hotClimate: YesNoUnknown;
}
