import { Panel, Text } from '@bigcommerce/big-design';
import styled from 'styled-components';
import { PLACEHOLDER_HELP, SECTION_EXAMPLE } from './template-help.js';

/** The placeholders, and optional [phrases], in plain words. */
export function PlaceholderHelp() {
  return (
    <Panel header="Placeholders and optional phrases" data-panel="template-help">
      <Text>Write a placeholder, braces included, where its value should appear:</Text>
      <Terms>
        {PLACEHOLDER_HELP.map((p) => (
          <div key={p.placeholder}>
            <dt>
              <code>{p.placeholder}</code>
            </dt>
            <dd>{p.meaning}</dd>
          </div>
        ))}
      </Terms>
      <Text>
        Put square brackets around a phrase that only makes sense with a value: it is shown, without its
        brackets, when every placeholder in it has a value, and left out otherwise. For example{' '}
        <code>{SECTION_EXAMPLE.text}</code> reads “{SECTION_EXAMPLE.withValue}” for an item with a date and “
        {SECTION_EXAMPLE.withoutValue}” for one without.
      </Text>
      <Text marginBottom="none">
        Brackets around a phrase without a placeholder are shown as you wrote them. Each [ needs its ], and
        brackets cannot go inside brackets.
      </Text>
    </Panel>
  );
}

const Terms = styled.dl`
  margin: 0 0 ${({ theme }) => theme.spacing.medium};

  dt {
    margin-top: ${({ theme }) => theme.spacing.small};
  }
  dd {
    margin: ${({ theme }) => theme.spacing.xxSmall} 0 0;
    color: ${({ theme }) => theme.colors.secondary70};
  }
`;
