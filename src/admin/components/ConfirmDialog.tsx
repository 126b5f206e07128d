import { Modal, Text } from '@bigcommerce/big-design';
import { type ReactNode, useEffect } from 'react';

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
  useDialogName(props.isOpen);
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

/**
 * BigDesign 5.0.0's Modal labels its inner box with the header, not the role="dialog" element, so
 * screen readers announce a nameless dialog: give the dialog its header's id once it is rendered.
 */
function useDialogName(isOpen: boolean) {
  useEffect(() => {
    if (!isOpen) return;
    let frame = 0;
    let tries = 0;
    const label = () => {
      const dialog = document.querySelector('[role="dialog"][aria-modal="true"]');
      const labelledBy = dialog?.querySelector('[aria-labelledby]')?.getAttribute('aria-labelledby');
      if (dialog && labelledBy) dialog.setAttribute('aria-labelledby', labelledBy);
      else if (tries++ < 30) frame = requestAnimationFrame(label);
    };
    label();
    return () => cancelAnimationFrame(frame);
  }, [isOpen]);
}
