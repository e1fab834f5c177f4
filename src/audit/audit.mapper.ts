import { AuditEvent } from './audit-event.entity';
import { AuditEventDto } from './dto/audit.dto';

export function toAuditEventDto(event: AuditEvent): AuditEventDto {
  return {
    id: event.id,
    sequence: event.sequence,
    at: event.at.toISOString(),
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    requestId: event.requestId,
    changedFields: event.changedFields,
    hash: event.hash,
  };
}
