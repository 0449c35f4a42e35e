// The files the emulator keeps in its data folder (EMULATOR_DATA_DIR), named once for the emulator and the
// start-up checks.
export const EMULATOR_DATA_FILES = {
  /** Org and app settings, approvals, tokens, the signing key. */
  state: 'emulator-state.json',
  /** The REST API's records. */
  records: 'rest-records.json',
} as const;
