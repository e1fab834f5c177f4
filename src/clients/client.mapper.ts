import { CLIENT_REFERENCE_PREFIX, formatReference } from '../common/reference';
import { Amputation } from './amputation.entity';
import { Client } from './client.entity';
import { AmputationResponseDto } from './dto/amputation.dto';
import { ClientResponseDto } from './dto/client.dto';
import { HealthProfileResponseDto } from './dto/health-profile.dto';
import { SocketComplaintResponseDto } from './dto/socket-complaint.dto';
import { HealthProfile } from './health-profile.entity';
import { SocketComplaint } from './socket-complaint.entity';


export function clientReference(client: Pick<Client, 'createdAt' | 'number'>): string {
  return formatReference(CLIENT_REFERENCE_PREFIX, client.createdAt, client.number);
}

export function toClientResponse(client: Client): ClientResponseDto {
  return {
    id: client.id,
    reference: clientReference(client),
    firstName: client.firstName,
    lastName: client.lastName,
    dateOfBirth: client.dateOfBirth,
    email: client.email,
    phone: client.phone,
    postcode: client.postcode,
    preferredContact: client.preferredContact,
    lacksCapacity: client.lacksCapacity,
    vulnerable: client.vulnerable,
    vulnerabilityNotes: client.vulnerabilityNotes,
    healthDataConsent: client.healthDataConsent,
    consentRecordedOn: client.consentRecordedOn,
    version: client.version,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

function toNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}

export function toSocketComplaintResponse(complaint: SocketComplaint): SocketComplaintResponseDto {
  return {
    id: complaint.id,
    amputationId: complaint.amputationId,
    type: complaint.type,
    severity: complaint.severity,
    since: complaint.since,
    notes: complaint.notes,
    version: complaint.version,
    createdAt: complaint.createdAt.toISOString(),
    updatedAt: complaint.updatedAt.toISOString(),
  };
}

export function toAmputationResponse(amputation: Amputation, complaints: SocketComplaint[]): AmputationResponseDto {
  return {
    id: amputation.id,
    clientId: amputation.clientId,
    limb: amputation.limb,
    side: amputation.side,
    level: amputation.level,
    amputationDate: amputation.amputationDate,
    cause: amputation.cause,
    residualLimbLengthCm: toNumber(amputation.residualLimbLengthCm),
    currentProsthesis: amputation.currentProsthesis,
    dailyWearHours: toNumber(amputation.dailyWearHours),
    socketComplaints: complaints.map(toSocketComplaintResponse),
    version: amputation.version,
    createdAt: amputation.createdAt.toISOString(),
    updatedAt: amputation.updatedAt.toISOString(),
  };
}

export function toHealthProfileResponse(profile: HealthProfile): HealthProfileResponseDto {
  return {
    clientId: profile.clientId,
    peripheralVascularDisease: profile.peripheralVascularDisease,
    diabetes: profile.diabetes,
    smokingStatus: profile.smokingStatus,
    quitDate: profile.quitDate,
    limbRadiotherapy: profile.limbRadiotherapy,
    chemotherapy: profile.chemotherapy,
    activeInfection: profile.activeInfection,
    immunosuppression: profile.immunosuppression,
    osteoporosis: profile.osteoporosis,
    pregnancy: profile.pregnancy,
    activityLevel: profile.activityLevel,
    hotClimate: profile.hotClimate,
    version: profile.version,
    updatedAt: profile.updatedAt.toISOString(),
  };
}
