export default async function globalTeardown(): Promise<void> {
  for (const database of globalThis.__OI_TEST_DATABASES__ ?? []) {
    await database.close();
  }
}
