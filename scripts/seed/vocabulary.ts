/**
 * Small word lists the generator draws from. Everything here is made up: names, companies and insurers
 * are invented (or generic), emails use the reserved example.* domains, phone numbers sit in Ofcom's
 * drama ranges, and postcodes are only shaped like real ones. A few names carry accents and apostrophes
 * on purpose, so name folding and search meet them.
 */

export const FIRST_NAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Muhammad', 'Thomas', 'Oscar',
  'William', 'James', 'Leo', 'Alfie', 'Henry', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac',
  'Alexander', 'Joseph', 'Edward', 'Samuel', 'Max', 'Daniel', 'Arthur', 'Lucas', 'Mohammed', 'Logan',
  'David', 'Paul', 'Mark', 'Andrew', 'Richard', 'Stephen', 'Peter', 'Michael', 'Christopher', 'Robert',
  'Gareth', 'Rhys', 'Dylan', 'Callum', 'Euan', 'Ruairí', 'Seán', 'Ciarán', 'Tomasz', 'Kwame',
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Isabella', 'Mia', 'Poppy', 'Ella', 'Lily',
  'Sophie', 'Grace', 'Evie', 'Jessica', 'Chloe', 'Ruby', 'Charlotte', 'Freya', 'Alice', 'Florence',
  'Sarah', 'Emma', 'Rachel', 'Helen', 'Claire', 'Karen', 'Susan', 'Margaret', 'Patricia', 'Linda',
  'Siân', 'Carys', 'Niamh', 'Aoife', 'Zoë', 'Chloé', 'Aisha', 'Priya', 'Amara', 'Agnieszka',
] as const;

export const LAST_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill',
  'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen',
  'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths',
  'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy',
  'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh',
  'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali',
  'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight',
  'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey',
  'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart',
  'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West',
  "O'Brien", "O'Connor", "O'Neill", 'McDonald', 'MacLeod', 'McKenzie', 'Ó Súilleabháin', 'Nowak', 'Kowalski', 'Okafor',
  'Mensah', 'Nguyen', 'Da Silva', 'Van der Berg', 'Smith-Jones', 'Brontë', 'Llewellyn', 'Pryce', 'Vaughan', 'Gruffudd',
] as const;

/** Postcode areas of Great Britain and Northern Ireland, as letters only. */
export const POSTCODE_AREAS = [
  'AB', 'AL', 'B', 'BA', 'BB', 'BD', 'BH', 'BL', 'BN', 'BR', 'BS', 'BT', 'CA', 'CB', 'CF', 'CH', 'CM', 'CO', 'CR', 'CT',
  'CV', 'CW', 'DA', 'DD', 'DE', 'DH', 'DL', 'DN', 'DT', 'DY', 'E', 'EH', 'EN', 'EX', 'FK', 'FY', 'G', 'GL', 'GU', 'HA',
  'HD', 'HG', 'HP', 'HR', 'HU', 'HX', 'IG', 'IP', 'IV', 'KA', 'KT', 'KY', 'L', 'LA', 'LD', 'LE', 'LL', 'LN', 'LS', 'LU',
  'M', 'ME', 'MK', 'ML', 'N', 'NE', 'NG', 'NN', 'NP', 'NR', 'NW', 'OL', 'OX', 'PA', 'PE', 'PH', 'PL', 'PO', 'PR', 'RG',
  'RH', 'RM', 'S', 'SA', 'SE', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SP', 'SR', 'SS', 'ST', 'SW', 'SY', 'TA', 'TD', 'TF',
  'TN', 'TQ', 'TR', 'TS', 'TW', 'UB', 'W', 'WA', 'WD', 'WF', 'WN', 'WR', 'WS', 'WV', 'YO',
] as const;

/** Letters the inward code's unit may use (no C, I, K, M, O or V). */
export const POSTCODE_UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.co.uk'] as const;

export const VULNERABILITY_NOTES = [
  'Prefers calls after 2pm; a family member usually joins.',
  'Hearing impaired: email or text first.',
  'Anxious about hospital settings; explain each step in writing.',
  'Lives alone; check the best time to visit.',
  'English is a second language; offer an interpreter.',
  'Recently bereaved; go gently on timescales.',
] as const;

/** Defendants by incident type: firms, trusts and bodies, never private persons (they would meet the conflict check). */
export const DEFENDANTS: Readonly<Record<string, readonly string[]>> = {
  road_traffic: ['Northway Haulage Ltd', 'Brightline Couriers Ltd', 'Amber Coaches plc', 'Redfern Logistics Ltd', 'Castle Van Hire Ltd', 'Motor Insurers’ Bureau'],
  workplace: ['Hartley Steel Fabrications Ltd', 'Greaves & Sons Construction Ltd', 'Pennine Recycling Ltd', 'Atlas Warehousing Ltd', 'Kestrel Agricultural Services', 'Dockside Engineering Ltd'],
  public_liability: ['Borough Council of Eastmoor', 'Riverside Leisure Trust', 'Harbour Retail Parks Ltd', 'Metro Rail Stations Ltd', 'Glenholm Estates Ltd'],
  clinical_negligence: ['Northshire NHS Foundation Trust', 'Westvale University Hospitals NHS Trust', 'Coastal Health Board', 'St Aidan’s Private Hospital Ltd', 'Eastmoor Integrated Care Board'],
  military: ['Ministry of Defence'],
  criminal_injury: ['Criminal Injuries Compensation Authority'],
  product_liability: ['Vortex Power Tools Ltd', 'Summit Ladders Ltd', 'Apex E-Scooters Ltd', 'Keystone Machinery GmbH'],
  other: ['Hollybank Equestrian Centre Ltd', 'Quarry Adventure Park Ltd'],
};

export const INSURERS = [
  'Albion Mutual Insurance', 'Crown & Anchor Underwriting', 'Thistle General plc', 'Britannic Motor Assurance', 'Severn Liability Insurance',
  'Northgate Risk Services', 'NHS Resolution', 'Pennant Insurance Company', 'Lionheart Commercial', 'Meridian Casualty Ltd',
] as const;

export const INCIDENT_DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  road_traffic: ['Motorcyclist struck by an HGV turning left at a junction.', 'Pedestrian hit by a van reversing in a car park.', 'Head-on collision on a single-carriageway A road.', 'Cyclist crushed by a bus pulling away from a stop.'],
  workplace: ['Leg caught in an unguarded conveyor.', 'Arm drawn into a roller press during cleaning.', 'Crushed by a falling load from a forklift.', 'Fall from scaffolding without edge protection.'],
  public_liability: ['Fall through a rotten walkway at a leisure site.', 'Trapped by an automatic gate that failed to stop.', 'Injured by an unsecured display stand.'],
  clinical_negligence: ['Delayed diagnosis of compartment syndrome.', 'Missed arterial occlusion after surgery.', 'Untreated infection after a fracture fixation.', 'Late referral of a diabetic foot ulcer.'],
  military: ['Injured by an improvised explosive device on deployment.', 'Vehicle rollover during a training exercise.'],
  criminal_injury: ['Injured in a deliberate vehicle attack.', 'Knife assault leading to vascular damage.'],
  product_liability: ['Guard failure on a circular saw.', 'E-scooter frame collapsed at speed.', 'Ladder stile buckled under load.'],
  other: ['Crushed by a horse in a riding-school accident.', 'Fall at a quarry adventure course.'],
};

export const LOWER_PROSTHESES = ['Microprocessor knee with carbon foot', 'Mechanical knee, energy-storing foot', 'Pin-lock liner socket, dynamic foot', 'Vacuum socket with hydraulic ankle', 'Basic NHS limb, SACH foot'] as const;
export const UPPER_PROSTHESES = ['Myoelectric hand', 'Body-powered split hook', 'Cosmetic passive hand', 'Multi-articulating myoelectric hand'] as const;

export const COMPLAINT_NOTES = [
  'Worse in warm weather.',
  'Socket refitted twice this year without improvement.',
  'Has to stop wearing the limb by mid-afternoon.',
  'Skin breaks down along the graft line.',
  'Residuum volume changes through the day.',
  'Pain on loading the distal end.',
] as const;

export const OUTCOME_NOTES: Readonly<Record<string, readonly string[]>> = {
  default: ['Appointment attended; report received and filed.', 'Provider has seen the client; letter on file.', 'Completed; the client found it helpful.'],
  OBTAIN_MEDICAL_RECORDS: ['GP and hospital records received; health profile updated.', 'Records received from the trust.'],
  RESCREEN_REVIEW: ['Reviewed with the client; re-screen booked.', 'No change yet; review again in three months.'],
  PEER_SUPPORT: ['Matched with a volunteer visitor; first call held.', 'Client attended a peer-support group meeting.'],
};

export const CANCEL_NOTES = ['Client declined this referral.', 'No longer needed after the case closed.', 'Duplicate of an earlier referral.'] as const;

export const STAGE_REASONS: Readonly<Record<string, readonly string[]>> = {
  declined: ['Outside the firm’s criteria: liability unlikely.', 'Limitation has expired with no basis to extend.', 'Client chose not to proceed.'],
  referred_elsewhere: ['Referred to a firm nearer the client.', 'Referred to a specialist military-claims firm.', 'Conflict of interest: referred on.'],
  closed: ['Settled.', 'Claim concluded at trial.', 'Client withdrew instructions.', 'File closed after referral.'],
  not_suitable: ['Surgeon advised against osseointegration.', 'Contraindication confirmed by the treating team.', 'Client decided against surgery.'],
  accepted: ['Liability looks strong; CFA signed.'],
};

export const OVERRIDE_REASONS = [
  'Treating surgeon reports the condition is well controlled; asking the OI surgeons to decide.',
  'Records show the flagged fact is out of date; referring for a specialist view.',
] as const;

/** Names for the generated staff; the demo's are friendlier and fixed. */
export const STAFF_FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Morgan', 'Robin', 'Jamie', 'Casey', 'Taylor', 'Avery', 'Riley', 'Kit', 'Drew'] as const;

export const DEMO_STAFF = {
  admin: ['Amelia Hart', 'Bryn Castell'],
  solicitor: ['Priya Raman', 'Tom Whitaker', 'Gráinne O’Shea'],
  paralegal: ['Leo Banks', 'Hannah Osei', 'Marek Zieliński'],
} as const;
