/** The editor profile the real-editor runs start from: quiet, offline, and the same under every launcher. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** User settings of a fresh profile: no welcome page, telemetry, update checks, git or trust prompts in the way. */
export const profileSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  // Hovers open quickly for the UI tests and for a person trying the extension alike.
  'editor.hover.delay': 100,
};

/** Writes the profile's settings file; an existing one (a person's, kept across `npm start`) is left as it is. */
export function writeProfileSettings(settingsFile: string): void {
  if (fs.existsSync(settingsFile)) return;
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, `${JSON.stringify(profileSettings, null, 2)}\n`);
}
