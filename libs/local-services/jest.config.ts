export default {
  displayName: 'local-services',
  preset: '../../jest.preset.js',
};
