// A card's fix written "1. … 2. …" is shown as a list of its steps; any other fix stays one paragraph.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixSteps } from '../../../server/teaching/explainer/fixSteps.ts';
import { RULES } from '../../../server/teaching/explainer/explain.ts';

describe('fixSteps', () => {
  test('splits at each next number in turn, and only there', () => {
    assert.deepEqual(fixSteps('1. Open Setup. 2. Wait 2. 3. Sign in on port 8443. 5. again'), [
      'Open Setup.',
      'Wait 2.',
      'Sign in on port 8443. 5. again',
    ]);
    assert.deepEqual(fixSteps('Set exp to now + 3 minutes. 2. Not a list'), [
      'Set exp to now + 3 minutes. 2. Not a list',
    ]);
  });

  test('every fix written in steps has at least two, none empty, and no step number left inside one', () => {
    for (const rule of RULES.filter((r) => r.howToFix.startsWith('1. '))) {
      const steps = fixSteps(rule.howToFix);
      assert.ok(steps.length >= 2, rule.key);
      for (const step of steps) {
        assert.ok(step.length > 0, rule.key);
        assert.doesNotMatch(step, new RegExp(` ${steps.length + 1}\\. `), rule.key);
      }
    }
  });
});
