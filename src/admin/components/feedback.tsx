import { Box, Message } from '@bigcommerce/big-design';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import styled from 'styled-components';
import { describeError } from '../api/errors.js';

/**
 * Toasts for the outcome of an action that has no better place to show it ("Settings saved."; a
 * refusal with its reason). Errors of a form field belong next to the field instead. Successes go
 * away by themselves; errors stay until dismissed. (BigDesign's AlertsManager is not used: its
 * close button has no accessible name in 5.0.0, and it shows one alert at a time.)
 */
export interface Feedback {
  success(text: string): void;
  error(error: unknown, header?: string): void;
}

interface Toast {
  readonly id: number;
  readonly type: 'success' | 'error';
  readonly header?: string;
  readonly text: string;
}

const SUCCESS_MS = 5000;
const FeedbackContext = createContext<Feedback | null>(null);

export function FeedbackProvider(props: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      if (toast.type === 'success') window.setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );
  const feedback = useMemo<Feedback>(
    () => ({
      success: (text) => show({ type: 'success', text }),
      error: (error, header) => show({ type: 'error', text: describeError(error), header }),
    }),
    [show],
  );
  return (
    <FeedbackContext.Provider value={feedback}>
      {props.children}
      <Toasts aria-live="polite" data-toasts="">
        {toasts.map((toast) => (
          <Box key={toast.id} role={toast.type === 'error' ? 'alert' : 'status'} marginBottom="small">
            <Message
              type={toast.type}
              header={toast.header}
              messages={[{ text: toast.text }]}
              onClose={() => dismiss(toast.id)}
              localization={{ close: 'Dismiss' }}
            />
          </Box>
        ))}
      </Toasts>
    </FeedbackContext.Provider>
  );
}

export function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (feedback === null) throw new Error('useFeedback outside <FeedbackProvider>');
  return feedback;
}

const Toasts = styled.div`
  position: fixed;
  top: ${({ theme }) => theme.spacing.medium};
  right: ${({ theme }) => theme.spacing.medium};
  width: min(420px, calc(100vw - 32px));
  z-index: ${({ theme }) => theme.zIndex.tooltip};
`;
