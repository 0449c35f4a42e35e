// The emulated org's read-only sObjects: its users, their profiles and the org itself, which scripts query but
// never write.
import { field, lookup, picklist, required, standardFields, system, text } from './fieldBuilders.ts';
import type { ObjectDef } from './schemaTypes.ts';

export const SYSTEM_OBJECTS: readonly ObjectDef[] = [
  {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    writable: false,
    fields: [
      ...standardFields('User ID', false),
      required(text('Username', 'Username', 80)),
      required(text('LastName', 'Last Name', 80)),
      text('FirstName', 'First Name', 40),
      { ...system(text('Name', 'Full Name', 121)), nameField: true },
      required(field('Email', 'Email', 'email')),
      field('IsActive', 'Active', 'boolean'),
      required(lookup('ProfileId', 'Profile ID', 'Profile', 'Profile')),
      required(picklist('TimeZoneSidKey', 'Time Zone', ['America/Los_Angeles', 'Europe/London', 'UTC'])),
    ],
    children: [],
  },
  {
    // The profiles users have, by name: the sf CLI's `org list users` reads User.ProfileId, then Profile's names.
    name: 'Profile',
    label: 'Profile',
    labelPlural: 'Profiles',
    keyPrefix: '00e',
    writable: false,
    fields: [
      ...standardFields('Profile ID', false),
      { ...required(text('Name', 'Name', 255)), nameField: true },
    ],
    children: [],
  },
  {
    // One record, the org itself: scripts read IsSandbox here (simple_salesforce's is_sandbox() among them).
    name: 'Organization',
    label: 'Organization',
    labelPlural: 'Organizations',
    keyPrefix: '00D',
    writable: false,
    fields: [
      ...standardFields('Organization ID', false),
      { ...system(text('Name', 'Name', 80)), nameField: true },
      system(field('IsSandbox', 'Is Sandbox', 'boolean')),
      system(picklist('OrganizationType', 'Edition', ['Developer Edition', 'Enterprise Edition'])),
      system(text('InstanceName', 'Instance Name', 5)),
      system(text('NamespacePrefix', 'Namespace Prefix', 15)),
      // Null outside trial and scratch orgs; the sf CLI asks for it at every login.
      { ...system(field('TrialExpirationDate', 'Trial Expiration Date', 'datetime')), nillable: true },
      system(
        picklist('TimeZoneSidKey', 'Default Time Zone', ['America/Los_Angeles', 'Europe/London', 'UTC']),
      ),
    ],
    children: [],
  },
];
