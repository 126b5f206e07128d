import { Modal, Text } from '@bigcommerce/big-design';
import type { ReactNode } from 'react';

/**
 * Asks before a destructive action, saying what will happen: the confirm button names the action
 * ("Revoke key"), Escape or Cancel leaves everything as it was.
 */
export function ConfirmDialog(props: {
  readonly isOpen: boolean;
  readonly header: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly isWorking?: boolean;
  readonly destructive?: boolean;
}) {
  return (
    <Modal
      isOpen={props.isOpen}
      variant="dialog"
      header={props.header}
      onClose={props.onCancel}
      closeOnEscKey
      closeOnClickOutside={false}
      actions={[
        { text: 'Cancel', variant: 'subtle', onClick: props.onCancel, disabled: props.isWorking },
        {
          text: props.confirmLabel,
          actionType: props.destructive === false ? 'normal' : 'destructive',
          isLoading: props.isWorking,
          onClick: props.onConfirm,
        },
      ]}
    >
      {typeof props.children === 'string' ? <Text>{props.children}</Text> : props.children}
    </Modal>
  );
}
