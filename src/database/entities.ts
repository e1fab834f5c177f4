import { AuditChainHead } from '../audit/audit-chain-head.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { CaseStageChange } from '../cases/case-stage-change.entity';
import { Case } from '../cases/case.entity';
import { Amputation } from '../clients/amputation.entity';
import { Client } from '../clients/client.entity';
import { HealthProfile } from '../clients/health-profile.entity';
import { SocketComplaint } from '../clients/socket-complaint.entity';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { Provider } from '../referrals/provider.entity';
import { ReferralTask } from '../referrals/referral-task.entity';
import { TaskTypeSetting } from '../referrals/task-type-setting.entity';
import { DailyEnquiryCount } from '../reports/daily-enquiry-count.entity';
import { OpenCaseCount } from '../reports/open-case-count.entity';
import { ScreeningRuleSet } from '../screening/rule-set.entity';
import { ScreeningReview } from '../screening/screening-review.entity';
import { Screening } from '../screening/screening.entity';
import { User } from '../users/user.entity';

/** Every entity the DataSource maps; migrations are generated against this list. */
export const ENTITIES = [
  User,
  Client,
  Amputation,
  SocketComplaint,
  HealthProfile,
  Case,
  CaseStageChange,
  IdempotencyRecord,
  ScreeningRuleSet,
  Screening,
  ScreeningReview,
  Provider,
  TaskTypeSetting,
  ReferralTask,
  AuditEvent,
  AuditChainHead,
  OpenCaseCount,
  DailyEnquiryCount,
];
