/** Closed vocabularies for a case. Plain data: no framework here. */

export const INCIDENT_TYPES = [
  'road_traffic',
  'workplace',
  'public_liability',
  'clinical_negligence',
  'military',
  'criminal_injury',
  'product_liability',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const ENQUIRY_SOURCES = ['phone', 'email', 'web_form', 'referral', 'charity', 'walk_in', 'other'] as const;
export type EnquirySource = (typeof ENQUIRY_SOURCES)[number];

export const FUNDING_TYPES = ['cfa', 'lei', 'private', 'unknown'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
