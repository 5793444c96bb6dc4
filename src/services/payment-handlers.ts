import type { paymentCommands } from '../contract/commands/payments';
import type { HandlersOf } from './dispatch';
import {
  bankAccountGet,
  bankAccountSave,
  paymentBatchCancel,
  paymentBatchGet,
  paymentBatchList,
  paymentBatchRows,
  paymentExport,
  paymentGenerate,
  paymentPreview,
  paymentRetryExport,
  paymentRetryList,
  paymentReturnCommit,
  paymentReturnPreview,
} from './payments';

export const paymentHandlers: HandlersOf<typeof paymentCommands> = {
  'bank-account-get': bankAccountGet,
  'bank-account-save': bankAccountSave,
  'payment-preview': paymentPreview,
  'payment-generate': paymentGenerate,
  'payment-batch-list': paymentBatchList,
  'payment-batch-get': paymentBatchGet,
  'payment-batch-rows': paymentBatchRows,
  'payment-batch-cancel': paymentBatchCancel,
  'payment-export': paymentExport,
  'payment-return-preview': paymentReturnPreview,
  'payment-return-commit': paymentReturnCommit,
  'payment-retry-list': paymentRetryList,
  'payment-retry-export': paymentRetryExport,
};
