import { auditList } from './audit';
import type { Handlers } from './dispatch';
import {
  householdCreate,
  householdDelete,
  householdGet,
  householdList,
  householdSetHead,
  householdUpdate,
  personAdd,
  personRemove,
  personSearch,
  personUpdate,
} from './households';
import { seedDemo } from './demo';
import { getOfficeSettings, updateOfficeSettings } from './settings';
import { villageCreate, villageDelete, villageList, villageUpdate } from './villages';

/** Command name → service function. The contract map and this map are checked against each other by type. */
export const handlers: Handlers = {
  'settings-get': (ctx) => getOfficeSettings(ctx),
  'settings-update': updateOfficeSettings,
  'village-list': (ctx) => villageList(ctx),
  'village-create': villageCreate,
  'village-update': villageUpdate,
  'village-delete': villageDelete,
  'household-list': householdList,
  'household-get': householdGet,
  'household-create': householdCreate,
  'household-update': householdUpdate,
  'household-delete': householdDelete,
  'household-set-head': householdSetHead,
  'person-add': personAdd,
  'person-update': personUpdate,
  'person-remove': personRemove,
  'demo-load': (ctx) => seedDemo(ctx),
  search: personSearch,
  'audit-list': auditList,
};
