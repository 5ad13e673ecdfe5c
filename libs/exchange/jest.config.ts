export default {
  displayName: 'exchange',
  preset: '../../jest.preset.js',
};
