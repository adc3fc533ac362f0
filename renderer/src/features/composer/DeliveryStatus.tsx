import { useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { QueuedMessage } from '../../../../core/api/contract.js';
import type { TegamiIndex } from '../../data/db.js';
import { useI18n } from '../../i18n/context.js';
import { deliveryOf, messageIdForms } from './delivery.js';

/** Where the message just sent stands, live from the index: queued, sending, sent or failed with the reason. */
export function DeliveryStatus({ db, queued }: { readonly db: TegamiIndex; readonly queued: QueuedMessage }) {
  const { t } = useI18n();
  const seenInOutbox = useRef(false);
  const rows = useLiveQuery(() => db.messages.where('messageId').anyOf(messageIdForms(queued.messageId)).toArray(), [db, queued.messageId], []);
  if (rows.some((r) => r.id === queued.id)) seenInOutbox.current = true;
  const delivery = deliveryOf(queued.id, rows, seenInOutbox.current);
  const reason = delivery.reason ?? t('composer.delivery.unknownReason');
  const failed = delivery.state === 'failed' || delivery.state === 'may-have-been-sent';
  return (
    <div className="composer-delivery" role={failed ? 'alert' : 'status'} data-state={delivery.state}>
      {t(`composer.delivery.${delivery.state}`, { reason })}
    </div>
  );
}
