export default {
  displayName: 'evaluation',
  preset: '../../jest.preset.js',
};
