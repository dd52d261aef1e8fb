/**
 * Internal dependencies
 */
import { keyDestinationChanged } from '..';
import { OPENAI, PRESETS } from '../../../test-utils';

const AS_STORED = {
	preset: OPENAI.preset,
	base_url: '',
	allow_private_network: false,
};

describe( 'keyDestinationChanged', () => {
	it( 'should see no change when the keys would go to the same place', () => {
		expect( keyDestinationChanged( OPENAI, AS_STORED, PRESETS ) ).toBe(
			false
		);
		expect(
			keyDestinationChanged(
				OPENAI,
				{ ...AS_STORED, base_url: 'https://api.openai.com/v1/' },
				PRESETS
			)
		).toBe( false );
	} );

	it( 'should see a new base URL, protocol or newly allowed private network', () => {
		expect(
			keyDestinationChanged(
				OPENAI,
				{ ...AS_STORED, base_url: 'https://collector.example.com/v1' },
				PRESETS
			)
		).toBe( true );
		expect(
			keyDestinationChanged(
				OPENAI,
				{ ...AS_STORED, preset: 'ollama' },
				PRESETS
			)
		).toBe( true );
		expect(
			keyDestinationChanged(
				OPENAI,
				{ ...AS_STORED, allow_private_network: true },
				PRESETS
			)
		).toBe( true );
	} );
} );
