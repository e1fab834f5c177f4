import { AmputationResponseDto } from '../clients/dto/amputation.dto';
import { HealthProfileResponseDto } from '../clients/dto/health-profile.dto';
import { CalendarDate } from '../common/time/calendar-date';
import { ScreeningSnapshot } from './engine';

/** Copies exactly the facts the rules read out of a client's records; nothing else goes into a stored snapshot. */
export function buildScreeningSnapshot(
  screeningDate: CalendarDate,
  dateOfBirth: CalendarDate | null,
  amputations: readonly AmputationResponseDto[],
  health: HealthProfileResponseDto,
): ScreeningSnapshot {
  return {
    screeningDate,
    dateOfBirth,
    amputations: amputations.map((amputation) => ({
      limb: amputation.limb,
      side: amputation.side,
      level: amputation.level,
      socketComplaints: amputation.socketComplaints.map((complaint) => ({ type: complaint.type, severity: complaint.severity })),
    })),
    health: {
      peripheralVascularDisease: health.peripheralVascularDisease,
      diabetes: health.diabetes,
      smokingStatus: health.smokingStatus,
      limbRadiotherapy: health.limbRadiotherapy,
      chemotherapy: health.chemotherapy,
      activeInfection: health.activeInfection,
      immunosuppression: health.immunosuppression,
      osteoporosis: health.osteoporosis,
      pregnancy: health.pregnancy,
      activityLevel: health.activityLevel,
      hotClimate: health.hotClimate,
    },
  };
}
