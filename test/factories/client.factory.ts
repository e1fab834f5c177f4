/** Request bodies a solicitor would send, with overrides. */
export function clientBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Ann',
    lastName: 'Hale',
    dateOfBirth: '1980-04-02',
    email: 'ann@example.org',
    phone: '07700 900123',
    postcode: 'RG1 1AA',
    lacksCapacity: false,
    ...overrides,
  };
}

export function amputationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    limb: 'lower',
    side: 'left',
    level: 'transfemoral',
    amputationDate: '2021-03-01',
    cause: 'trauma',
    residualLimbLengthCm: 18,
    dailyWearHours: 6,
    socketComplaints: [{ type: 'excessive_sweating', severity: 'moderate' }],
    ...overrides,
  };
}

export function healthProfileBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
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
    ...overrides,
  };
}
