export default {
  displayName: 'local-federation',
  preset: '../../jest.preset.js',
};
