import { AlertsManager, createAlertsManager } from '@bigcommerce/big-design';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { describeError } from '../api/errors.js';

/**
 * Toasts for the outcome of an action that has no better place to show it ("Settings saved."; a
 * refusal with its reason). Errors of a form field belong next to the field instead.
 */
export interface Feedback {
  success(text: string): void;
  error(error: unknown, header?: string): void;
}

const FeedbackContext = createContext<Feedback | null>(null);

export function FeedbackProvider(props: { readonly children: ReactNode }) {
  const manager = useMemo(() => createAlertsManager(), []);
  const feedback = useMemo<Feedback>(
    () => ({
      success: (text) => {
        manager.add({ type: 'success', messages: [{ text }], autoDismiss: true });
      },
      error: (error, header) => {
        manager.add({ type: 'error', header, messages: [{ text: describeError(error) }] });
      },
    }),
    [manager],
  );
  return (
    <FeedbackContext.Provider value={feedback}>
      <AlertsManager manager={manager} />
      {props.children}
    </FeedbackContext.Provider>
  );
}

export function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (feedback === null) throw new Error('useFeedback outside <FeedbackProvider>');
  return feedback;
}
