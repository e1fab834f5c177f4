import { Injectable } from '@nestjs/common';
import { AuditService, sentFields } from '../audit/audit.service';
import { ConflictsService } from '../conflicts/conflicts.service';
import { definedOnly, unwrap } from '../common/concurrency/versioned-changes';
import { decodeSequenceCursor, encodeCursor } from '../common/pagination/cursor';
import { Page } from '../common/pagination/page.dto';
import { CLIENT_REFERENCE_PREFIX, parseReference } from '../common/reference';
import { Transaction, TransactionRunner } from '../database/transaction-runner';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { Client } from './client.entity';
import { toClientResponse, toHealthProfileResponse } from './client.mapper';
import { ClientChanges, ClientLockMode, ClientsRepository, Viewer } from './clients.repository';
import { ClientsErrors } from './clients.errors';
import { ClientResponseDto, CreateClientDto, ListClientsQueryDto, UpdateClientDto } from './dto/client.dto';
import { HealthProfileInputDto, HealthProfileResponseDto } from './dto/health-profile.dto';
import { foldName } from './fold-name';
import { HealthProfile } from './health-profile.entity';
import { HealthFacts, HealthProfilesRepository } from './health-profiles.repository';
import { normaliseUkPostcode } from './postcode';

/** Clients and their health profiles: who may see them, creating, changing and finding them. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly conflicts: ConflictsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clients: ClientsRepository,
    private readonly healthProfiles: HealthProfilesRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** A new client always has a health profile, every fact `unknown` unless given. Answers both rows as written. */
  async createInTransaction(transaction: Transaction, creatorId: string, input: CreateClientDto, health: HealthProfileInputDto = {}): Promise<{ client: Client; healthProfile: HealthProfile }> {
    const client = await this.clients.insert(transaction, {
      firstName: input.firstName,
      lastName: input.lastName,
      foldedFirstName: foldName(input.firstName),
      foldedLastName: foldName(input.lastName),
      foldedFullName: foldName(`${input.firstName}${input.lastName}`),
      dateOfBirth: input.dateOfBirth ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      postcode: input.postcode ?? null,
      preferredContact: input.preferredContact ?? null,
      lacksCapacity: input.lacksCapacity ?? false,
      vulnerable: input.vulnerable ?? false,
      vulnerabilityNotes: input.vulnerabilityNotes ?? null,
      healthDataConsent: input.healthDataConsent ?? 'not_recorded',
      consentRecordedOn: input.consentRecordedOn ?? null,
      createdById: creatorId,
    });
    const healthProfile = await this.healthProfiles.insert(transaction, client.id, healthFacts(health, 'healthProfile'));
    await this.audit.record(
      transaction,
      { actorId: creatorId, action: 'create', entityType: 'client', entityId: client.id, changedFields: sentFields(input) },
      { actorId: creatorId, action: 'create', entityType: 'health_profile', entityId: client.id, changedFields: sentFields(health) },
    );
    return { client, healthProfile };
  }

  /** With an Idempotency-Key, a retry answers the first response and creates nothing. */
  async create(actor: Viewer, input: CreateClientDto, idempotency: IdempotencyScope): Promise<IdempotentResult<ClientResponseDto>> {
    const result = await this.idempotency.run(idempotency, async (transaction) => ({
      status: 201,
      body: toClientResponse((await this.createInTransaction(transaction, actor.id, input)).client),
    }));
    // A retry answered from the stored response discloses the client's details again: only to someone who may still see them.
    if (result.replayed) {
      await this.requireVisible(actor, result.body.id);
      await this.audit.recordNow({ actorId: actor.id, action: 'read', entityType: 'client', entityId: result.body.id });
    }
    return result;
  }

  /** The client when the actor may see it; another user's client is CLIENT_NOT_FOUND, like a missing one. */
  async requireVisible(actor: Viewer, id: string, transaction?: Transaction): Promise<Client> {
    const client = await this.clients.findVisible(actor, id, transaction);
    if (client === null) throw ClientsErrors.clientNotFound();
    return client;
  }

  /** In a writing transaction: the client still exists and was not erased, and stays so until it commits. */
  async assertWritable(transaction: Transaction, clientId: string, mode: ClientLockMode = 'related_records'): Promise<void> {
    const state = await this.clients.lockForWrite(transaction, clientId, mode);
    if (state === null) throw ClientsErrors.clientNotFound();
    if (state.erased) throw ClientsErrors.clientErased();
  }

  async get(actor: Viewer, id: string): Promise<ClientResponseDto> {
    const client = await this.requireVisible(actor, id);
    await this.audit.recordNow({ actorId: actor.id, action: 'read', entityType: 'client', entityId: id });
    return toClientResponse(client);
  }

  /** Loads a client for code that has already checked access through the client's case. */
  async getById(id: string, transaction?: Transaction): Promise<Client> {
    const client = await this.clients.findById(id, transaction);
    if (client === null) throw ClientsErrors.clientNotFound();
    return client;
  }

  /** The client and health profile for code that has already checked access (a case's detail). */
  async getDossier(clientId: string, transaction?: Transaction): Promise<{ client: ClientResponseDto; healthProfile: HealthProfileResponseDto }> {
    const client = await this.getById(clientId, transaction);
    const profile = await this.healthProfiles.findByClient(clientId, transaction);
    if (profile === null) throw ClientsErrors.clientNotFound();
    return { client: toClientResponse(client), healthProfile: toHealthProfileResponse(profile) };
  }

  async update(actor: Viewer, id: string, expectedVersion: number, input: UpdateClientDto): Promise<ClientResponseDto> {
    const current = await this.requireVisible(actor, id);
    if (current.erasedAt !== null) throw ClientsErrors.clientErased();
    const renamed = input.firstName !== undefined || input.lastName !== undefined;
    const changes: ClientChanges = definedOnly({
      ...input,
      foldedFirstName: input.firstName === undefined ? undefined : foldName(input.firstName),
      foldedLastName: input.lastName === undefined ? undefined : foldName(input.lastName),
      foldedFullName: renamed ? foldName(`${input.firstName ?? current.firstName}${input.lastName ?? current.lastName}`) : undefined,
    });
    const identityChanged = renamed || input.dateOfBirth !== undefined || input.postcode !== undefined;
    const updated = await this.transactions.run(async (transaction) => {
      await this.assertWritable(transaction, id, 'client_row');
      const result = await this.clients.updateIfVersion(transaction, id, expectedVersion, changes);
      if (result.outcome === 'updated') await this.audit.record(transaction, { actorId: actor.id, action: 'update', entityType: 'client', entityId: id, changedFields: sentFields(input) });
      // Who the client is decides who they conflict with: their cases are checked again with the change.
      if (result.outcome === 'updated' && identityChanged) await this.conflicts.recheckClientCases(transaction, id, actor.id);
      return result;
    });
    return toClientResponse(unwrap(updated, ClientsErrors.clientNotFound));
  }

  async list(actor: Viewer, query: ListClientsQueryDto): Promise<Page<ClientResponseDto>> {
    const beforeNumber = query.cursor === undefined ? undefined : decodeSequenceCursor(query.cursor);
    const reference = query.reference === undefined ? undefined : parseReference(CLIENT_REFERENCE_PREFIX, query.reference);
    const postcode = query.postcode === undefined ? undefined : normaliseUkPostcode(query.postcode);
    const foldedName = query.name === undefined ? undefined : foldName(query.name);
    // A search term that cannot match anything (malformed reference or postcode, a name of punctuation) finds nothing.
    if ((query.reference !== undefined && reference === undefined) || (query.postcode !== undefined && postcode === undefined) || foldedName === '') {
      return { items: [], nextCursor: null };
    }
    const rows = await this.clients.search(actor, {
      foldedName,
      reference,
      postcode,
      dateOfBirth: query.dateOfBirth,
      beforeNumber,
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    await this.audit.recordNow(...items.map((client) => ({ actorId: actor.id, action: 'read' as const, entityType: 'client' as const, entityId: client.id })));
    return { items: items.map(toClientResponse), nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.number]) : null };
  }

  async getHealthProfile(actor: Viewer, clientId: string): Promise<HealthProfileResponseDto> {
    await this.requireVisible(actor, clientId);
    const profile = await this.healthProfiles.findByClient(clientId);
    if (profile === null) throw ClientsErrors.clientNotFound();
    await this.audit.recordNow({ actorId: actor.id, action: 'read', entityType: 'health_profile', entityId: clientId });
    return toHealthProfileResponse(profile);
  }

  /** PUT replaces the whole profile: a fact left out becomes `unknown`. */
  async replaceHealthProfile(actor: Viewer, clientId: string, expectedVersion: number, input: HealthProfileInputDto): Promise<HealthProfileResponseDto> {
    await this.requireVisible(actor, clientId);
    const facts = healthFacts(input, '');
    const updated = await this.transactions.run(async (transaction) => {
      await this.assertWritable(transaction, clientId);
      const before = await this.healthProfiles.findByClient(clientId, transaction);
      const result = await this.healthProfiles.replaceIfVersion(transaction, clientId, expectedVersion, facts);
      if (result.outcome === 'updated' && before !== null) {
        // The names of the facts that changed, never their values.
        const changed = (Object.keys(facts) as (keyof HealthFacts)[]).filter((key) => before[key] !== facts[key]);
        await this.audit.record(transaction, { actorId: actor.id, action: 'update', entityType: 'health_profile', entityId: clientId, changedFields: changed });
      }
      return result;
    });
    return toHealthProfileResponse(unwrap(updated, ClientsErrors.clientNotFound));
  }
}

/** Every fact, `unknown` where not given; a quit date only for a former smoker. */
export function healthFacts(input: HealthProfileInputDto, fieldPrefix: string): HealthFacts {
  const smokingStatus = input.smokingStatus ?? 'unknown';
  const quitDate = input.quitDate ?? null;
  if (quitDate !== null && smokingStatus !== 'former') {
    throw ClientsErrors.quitDateOnlyForFormerSmokers(fieldPrefix === '' ? 'quitDate' : `${fieldPrefix}.quitDate`);
  }
  return {
    peripheralVascularDisease: input.peripheralVascularDisease ?? 'unknown',
    diabetes: input.diabetes ?? 'unknown',
    smokingStatus,
    quitDate,
    limbRadiotherapy: input.limbRadiotherapy ?? 'unknown',
    chemotherapy: input.chemotherapy ?? 'unknown',
    activeInfection: input.activeInfection ?? 'unknown',
    immunosuppression: input.immunosuppression ?? 'unknown',
    osteoporosis: input.osteoporosis ?? 'unknown',
    pregnancy: input.pregnancy ?? 'unknown',
    activityLevel: input.activityLevel ?? 'unknown',
    hotClimate: input.hotClimate ?? 'unknown',
  };
}
