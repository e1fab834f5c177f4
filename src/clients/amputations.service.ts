import { Injectable } from '@nestjs/common';
import { AuditService, sentFields } from '../audit/audit.service';
import { Transaction, TransactionRunner } from '../database/transaction-runner';
import { Amputation } from './amputation.entity';
import { AmputationsRepository, NewSocketComplaint } from './amputations.repository';
import { AmputationLevel, Limb, levelBelongsToLimb } from './clinical-terms';
import { toAmputationResponse, toSocketComplaintResponse } from './client.mapper';
import { Viewer } from './clients.repository';
import { ClientsErrors } from './clients.errors';
import { definedOnly, unwrap } from '../common/concurrency/versioned-changes';
import { ClientsService } from './clients.service';
import { AmputationResponseDto, CreateAmputationDto, MAX_AMPUTATIONS_PER_CLIENT, MAX_COMPLAINTS_PER_AMPUTATION, UpdateAmputationDto } from './dto/amputation.dto';
import { CreateSocketComplaintDto, SocketComplaintResponseDto, UpdateSocketComplaintDto } from './dto/socket-complaint.dto';
import { SocketComplaint } from './socket-complaint.entity';

/** A client's amputations and the socket complaints on each. Deletes are soft. */
@Injectable()
export class AmputationsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clients: ClientsService,
    private readonly amputations: AmputationsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Adds amputations with their complaints inside the caller's transaction. `fieldPrefix` names the
   * array in error fields (`amputations[1].level`); '' when the body is a single amputation.
   */
  async addInTransaction(transaction: Transaction, actorId: string, clientId: string, inputs: CreateAmputationDto[], fieldPrefix: string): Promise<AmputationResponseDto[]> {
    inputs.forEach((input, index) => assertLevelMatchesLimb(input.limb, input.level, fieldPrefix === '' ? 'level' : `${fieldPrefix}[${index}].level`));
    const created: AmputationResponseDto[] = [];
    for (const input of inputs) {
      const amputation = await this.amputations.insertAmputation(transaction, {
        clientId,
        limb: input.limb,
        side: input.side,
        level: input.level,
        amputationDate: input.amputationDate ?? null,
        cause: input.cause ?? null,
        residualLimbLengthCm: numericText(input.residualLimbLengthCm),
        currentProsthesis: input.currentProsthesis ?? null,
        dailyWearHours: numericText(input.dailyWearHours),
      });
      const complaints = await this.amputations.insertComplaints(transaction, (input.socketComplaints ?? []).map((complaint) => newComplaint(amputation.id, complaint)));
      await this.audit.record(
        transaction,
        { actorId, action: 'create', entityType: 'amputation', entityId: amputation.id, changedFields: sentFields({ ...input, socketComplaints: undefined }) },
        ...complaints.map((complaint, index) => ({
          actorId,
          action: 'create' as const,
          entityType: 'socket_complaint' as const,
          entityId: complaint.id,
          changedFields: sentFields(input.socketComplaints?.[index] ?? {}),
        })),
      );
      created.push(toAmputationResponse(amputation, complaints));
    }
    return created;
  }

  async add(actor: Viewer, clientId: string, input: CreateAmputationDto): Promise<AmputationResponseDto> {
    await this.clients.requireVisible(actor, clientId);
    const [created] = await this.transactions.run(async (transaction) => {
      await this.clients.assertWritable(transaction, clientId);
      if ((await this.amputations.countAmputations(transaction, clientId)) >= MAX_AMPUTATIONS_PER_CLIENT) {
        throw ClientsErrors.amputationLimitReached(MAX_AMPUTATIONS_PER_CLIENT);
      }
      return this.addInTransaction(transaction, actor.id, clientId, [input], '');
    });
    if (created === undefined) throw new Error('amputation was not created');
    return created;
  }

  /** Amputations with their complaints, for code that has already checked access. */
  async listForClient(clientId: string, transaction?: Transaction): Promise<AmputationResponseDto[]> {
    const amputations = await this.amputations.listAmputations(clientId, transaction);
    const complaints = await this.amputations.listComplaints(
      amputations.map((amputation) => amputation.id),
      transaction,
    );
    return amputations.map((amputation) =>
      toAmputationResponse(
        amputation,
        complaints.filter((complaint) => complaint.amputationId === amputation.id),
      ),
    );
  }

  async update(actor: Viewer, clientId: string, amputationId: string, expectedVersion: number, input: UpdateAmputationDto): Promise<AmputationResponseDto> {
    const current = await this.requireAmputation(actor, clientId, amputationId);
    assertLevelMatchesLimb(input.limb ?? current.limb, input.level ?? current.level, input.level !== undefined ? 'level' : 'limb');
    const changes = definedOnly({
      ...input,
      residualLimbLengthCm: input.residualLimbLengthCm === undefined ? undefined : numericText(input.residualLimbLengthCm),
      dailyWearHours: input.dailyWearHours === undefined ? undefined : numericText(input.dailyWearHours),
    });
    const updated = await this.transactions.run(async (transaction) =>
      this.audit.recordIfWritten(transaction, await this.writable(transaction, clientId, () => this.amputations.updateAmputationIfVersion(transaction, amputationId, expectedVersion, changes)), {
        actorId: actor.id,
        action: 'update',
        entityType: 'amputation',
        entityId: amputationId,
        changedFields: sentFields(input),
      }),
    );
    const amputation = unwrap(updated, ClientsErrors.amputationNotFound);
    return toAmputationResponse(amputation, await this.amputations.listComplaints([amputation.id]));
  }

  async remove(actor: Viewer, clientId: string, amputationId: string, expectedVersion: number): Promise<void> {
    await this.requireAmputation(actor, clientId, amputationId);
    const removed = await this.transactions.run(async (transaction) =>
      this.audit.recordIfWritten(transaction, await this.writable(transaction, clientId, () => this.amputations.softDeleteAmputationIfVersion(transaction, amputationId, expectedVersion)), {
        actorId: actor.id,
        action: 'delete',
        entityType: 'amputation',
        entityId: amputationId,
      }),
    );
    unwrap(removed, ClientsErrors.amputationNotFound);
  }

  async addComplaint(actor: Viewer, clientId: string, amputationId: string, input: CreateSocketComplaintDto): Promise<SocketComplaintResponseDto> {
    await this.requireAmputation(actor, clientId, amputationId);
    const [created] = await this.transactions.run(async (transaction) => {
      await this.clients.assertWritable(transaction, clientId);
      if ((await this.amputations.countComplaints(transaction, amputationId)) >= MAX_COMPLAINTS_PER_AMPUTATION) {
        throw ClientsErrors.socketComplaintLimitReached(MAX_COMPLAINTS_PER_AMPUTATION);
      }
      const inserted = await this.amputations.insertComplaints(transaction, [newComplaint(amputationId, input)]);
      for (const complaint of inserted) {
        await this.audit.record(transaction, { actorId: actor.id, action: 'create', entityType: 'socket_complaint', entityId: complaint.id, changedFields: sentFields(input) });
      }
      return inserted;
    });
    if (created === undefined) throw new Error('socket complaint was not created');
    return toSocketComplaintResponse(created);
  }

  async updateComplaint(
    actor: Viewer,
    target: { clientId: string; amputationId: string; complaintId: string },
    expectedVersion: number,
    input: UpdateSocketComplaintDto,
  ): Promise<SocketComplaintResponseDto> {
    await this.requireComplaint(actor, target);
    const updated = await this.transactions.run(async (transaction) =>
      this.audit.recordIfWritten(
        transaction,
        await this.writable(transaction, target.clientId, () => this.amputations.updateComplaintIfVersion(transaction, target.complaintId, expectedVersion, definedOnly({ ...input }))),
        {
        actorId: actor.id,
        action: 'update',
        entityType: 'socket_complaint',
        entityId: target.complaintId,
        changedFields: sentFields(input),
      }),
    );
    return toSocketComplaintResponse(unwrap(updated, ClientsErrors.socketComplaintNotFound));
  }

  async removeComplaint(actor: Viewer, target: { clientId: string; amputationId: string; complaintId: string }, expectedVersion: number): Promise<void> {
    await this.requireComplaint(actor, target);
    const removed = await this.transactions.run(async (transaction) =>
      this.audit.recordIfWritten(transaction, await this.writable(transaction, target.clientId, () => this.amputations.softDeleteComplaintIfVersion(transaction, target.complaintId, expectedVersion)), {
        actorId: actor.id,
        action: 'delete',
        entityType: 'socket_complaint',
        entityId: target.complaintId,
      }),
    );
    unwrap(removed, ClientsErrors.socketComplaintNotFound);
  }

  /** Runs a write once the client is known to be writable (not erased) for the rest of the transaction. */
  private async writable<T>(transaction: Transaction, clientId: string, write: () => Promise<T>): Promise<T> {
    await this.clients.assertWritable(transaction, clientId);
    return write();
  }

  private async requireAmputation(actor: Viewer, clientId: string, amputationId: string): Promise<Amputation> {
    await this.clients.requireVisible(actor, clientId);
    const amputation = await this.amputations.findAmputation(clientId, amputationId);
    if (amputation === null) throw ClientsErrors.amputationNotFound();
    return amputation;
  }

  private async requireComplaint(actor: Viewer, target: { clientId: string; amputationId: string; complaintId: string }): Promise<SocketComplaint> {
    await this.requireAmputation(actor, target.clientId, target.amputationId);
    const complaint = await this.amputations.findComplaint(target.amputationId, target.complaintId);
    if (complaint === null) throw ClientsErrors.socketComplaintNotFound();
    return complaint;
  }
}

function assertLevelMatchesLimb(limb: Limb, level: AmputationLevel, field: string): void {
  if (!levelBelongsToLimb(level, limb)) throw ClientsErrors.levelDoesNotMatchLimb(field);
}

function newComplaint(amputationId: string, input: CreateSocketComplaintDto): NewSocketComplaint {
  return { amputationId, type: input.type, severity: input.severity, since: input.since ?? null, notes: input.notes ?? null };
}

/** numeric columns travel as text, so 18.5 is stored exactly. */
function numericText(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
